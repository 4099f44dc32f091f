// Command rides-service runs the Rides HTTP API, the dispatch loop and the outbox relay.
package main

import (
	"context"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/northwind/rides-service/internal/app"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()

	cfg, err := app.ConfigFromEnv()
	if err != nil {
		slog.Error("invalid configuration", "err", err)
		os.Exit(2)
	}
	if err := app.Run(ctx, cfg); err != nil {
		slog.Error("rides-service stopped", "err", err)
		os.Exit(1)
	}
}
