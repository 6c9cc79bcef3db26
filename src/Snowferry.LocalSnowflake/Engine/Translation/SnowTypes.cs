using Snowferry.LocalSnowflake.Engine.Sql;

namespace Snowferry.LocalSnowflake.Engine.Translation;

/// <summary>Snowflake's type names and synonyms (D:sql-reference/intro-summary-data-types), resolved to <see cref="SnowType"/>.</summary>
internal static class SnowTypes
{
    public static SnowType FromName(string name, IReadOnlyList<int> arguments, Token at)
    {
        SnowflakeSqlException Bad() => SqlErrors.Syntax(at.Line, at.Column, $"unexpected '{name}'");

        int? Arg(int index) => index < arguments.Count ? arguments[index] : null;

        void MaxArgs(int count)
        {
            if (arguments.Count > count)
            {
                throw Bad();
            }
        }

        switch (name)
        {
            case "NUMBER" or "DECIMAL" or "NUMERIC" or "DEC":
                MaxArgs(2);
                var precision = Arg(0) ?? 38;
                var scale = Arg(1) ?? 0;
                if (precision is < 1 or > 38 || scale < 0 || scale > precision)
                {
                    throw SqlErrors.Compilation(at.Line, at.Column, $"Unsupported data type '{name}({precision}, {scale})'.");
                }

                return SnowType.Number(precision, scale);
            case "INT" or "INTEGER" or "BIGINT" or "SMALLINT" or "TINYINT" or "BYTEINT":
                MaxArgs(0);
                return SnowType.Number(38, 0);
            case "FLOAT" or "FLOAT4" or "FLOAT8" or "DOUBLE" or "REAL":
                MaxArgs(name is "FLOAT" ? 1 : 0);
                return SnowType.Real;
            case "VARCHAR" or "STRING" or "TEXT" or "NVARCHAR" or "NVARCHAR2" or "CHAR" or "CHARACTER" or "NCHAR":
                MaxArgs(1);
                var length = Arg(0) ?? (name is "CHAR" or "CHARACTER" or "NCHAR" ? 1 : (int?)null);
                if (length is < 1 or > (int)SnowType.MaxTextLength)
                {
                    throw SqlErrors.Compilation(at.Line, at.Column, $"Unsupported data type '{name}({length})'.");
                }

                return SnowType.Varchar(length ?? SnowType.MaxTextLength);
            case "BOOLEAN":
                MaxArgs(0);
                return SnowType.Boolean;
            case "DATE":
                MaxArgs(0);
                return SnowType.Date;
            case "TIME":
                return SnowType.Time with { Scale = FractionScale() };
            case "TIMESTAMP" or "DATETIME" or "TIMESTAMP_NTZ" or "TIMESTAMPNTZ" or "TIMESTAMP WITHOUT TIME ZONE":
                return SnowType.TimestampNtz with { Scale = FractionScale() };
            case "TIMESTAMP_LTZ" or "TIMESTAMPLTZ":
                return SnowType.TimestampLtz with { Scale = FractionScale() };
            case "TIMESTAMP_TZ" or "TIMESTAMPTZ":
                return SnowType.TimestampTz with { Scale = FractionScale() };
            case "BINARY" or "VARBINARY":
                MaxArgs(1);
                return SnowType.Binary with { Length = Arg(0) ?? SnowType.MaxBinaryLength };
            case "VARIANT":
                MaxArgs(0);
                return SnowType.Variant;
            case "OBJECT":
                MaxArgs(0);
                return new SnowType(SnowKind.Object);
            case "ARRAY":
                MaxArgs(0);
                return new SnowType(SnowKind.Array);
            case "GEOGRAPHY" or "GEOMETRY" or "VECTOR" or "MAP" or "DECFLOAT" or "FILE":
                throw SqlErrors.NotImplemented("data type " + name);
            default:
                throw Bad();
        }

        int FractionScale()
        {
            MaxArgs(1);
            var fraction = Arg(0) ?? 9;
            return fraction is < 0 or > 9 ? throw Bad() : fraction;
        }
    }
}
