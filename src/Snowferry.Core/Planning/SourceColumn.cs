namespace Snowferry.Planning;

/// <summary>One column of the source table, as <c>INFORMATION_SCHEMA.COLUMNS</c> describes it.</summary>
/// <param name="Name">The exact (case-sensitive) column name.</param>
/// <param name="DataType">Snowflake's <c>DATA_TYPE</c>: NUMBER, TEXT, FLOAT, BOOLEAN, DATE, TIME, TIMESTAMP_NTZ,
/// TIMESTAMP_LTZ, TIMESTAMP_TZ, BINARY, VARIANT, OBJECT, ARRAY, ... (synonyms such as DECIMAL or VARCHAR accepted).</param>
/// <param name="Precision">NUMERIC_PRECISION: total digits of a NUMBER; null otherwise.</param>
/// <param name="Scale">NUMERIC_SCALE: fraction digits of a NUMBER; null otherwise.</param>
/// <param name="Ordinal">ORDINAL_POSITION, 1-based.</param>
internal sealed record SourceColumn(string Name, string DataType, int? Precision, int? Scale, int Ordinal);
