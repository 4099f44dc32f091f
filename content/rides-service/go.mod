module github.com/northwind/rides-service

go 1.22

require (
	github.com/jackc/pgx/v5 v5.5.5
	github.com/twmb/franz-go v1.16.1
	google.golang.org/grpc v1.63.2
)
