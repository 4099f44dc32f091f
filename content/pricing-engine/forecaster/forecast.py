"""Surge forecaster (experimental): predicts demand per H3 cell 15 minutes ahead.

Writes shadow multipliers to Redis under ``surge:shadow:<city>``; the pricing engine logs
them next to the live multiplier but never charges them.
"""
import os

import redis

HORIZON_MINUTES = 15


def main() -> None:
    client = redis.Redis.from_url(os.environ["PRICING_CACHE_URL"])
    for city in os.environ.get("FORECAST_CITIES", "ber,lis,mad").split(","):
        forecast = predict_demand(city, HORIZON_MINUTES)
        client.hset(f"surge:shadow:{city}", mapping=to_multipliers(forecast))


if __name__ == "__main__":
    main()
