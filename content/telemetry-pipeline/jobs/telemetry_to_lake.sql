-- Hourly Parquet files of raw telemetry, partitioned by city/date/hour.
CREATE TABLE raw_telemetry (
  vehicle_id      STRING,
  city            STRING,
  ts              TIMESTAMP(3),
  lat             DOUBLE,
  lng             DOUBLE,
  speed_kmh       DOUBLE,
  battery_percent INT,
  WATERMARK FOR ts AS ts - INTERVAL '30' SECOND
) WITH (
  'connector' = 'kafka',
  'topic' = 'fleet.telemetry.raw.v2',
  'properties.group.id' = 'telemetry-to-lake',
  'format' = 'json'
);

CREATE TABLE lake (
  vehicle_id STRING, ts TIMESTAMP(3), lat DOUBLE, lng DOUBLE,
  speed_kmh DOUBLE, battery_percent INT,
  city STRING, dt STRING, hr STRING
) PARTITIONED BY (city, dt, hr) WITH (
  'connector' = 'filesystem',
  'path' = 's3://nw-telemetry-lake/',
  'format' = 'parquet',
  'sink.partition-commit.policy.kind' = 'success-file'
);

INSERT INTO lake
SELECT vehicle_id, ts, lat, lng, speed_kmh, battery_percent,
       city, DATE_FORMAT(ts, 'yyyy-MM-dd'), DATE_FORMAT(ts, 'HH')
FROM raw_telemetry;
