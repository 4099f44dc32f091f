-- ${{ values.name }}: first migration. Tables live in the ${{ values.schema }} schema.
CREATE SCHEMA IF NOT EXISTS ${{ values.schema }};
