using System.Globalization;
using Snowferry.LocalSnowflake.Engine.Sql;
using Snowferry.LocalSnowflake.Engine.Storage;
using Snowferry.LocalSnowflake.Engine.Unload;

namespace Snowferry.LocalSnowflake.Engine.Translation;

/// <summary>
/// <c>COPY INTO 's3://…' FROM (query) STORAGE_INTEGRATION = name …</c>: the query's result written as files to S3 and
/// the statement's summary returned as Snowflake returns it (one row <c>rows_unloaded, input_bytes, output_bytes</c>, or
/// with DETAILED_OUTPUT = TRUE one row per file <c>FILE_NAME, FILE_SIZE, ROW_COUNT</c>).
/// </summary>
internal sealed partial class Translator
{
    private DonePlan CopyInto(CopyIntoLocationStatement copy)
    {
        var settings = UnloadSettings.Read(copy.Options);
        var location = UnloadLocation.Parse(copy.Location);
        if (settings.StorageIntegration is not { } name)
        {
            throw SqlErrors.NotImplemented("COPY INTO <location> without STORAGE_INTEGRATION");
        }

        if (!_options.StorageIntegrations.TryGetValue(name, out var integration))
        {
            throw new SnowflakeSqlException("002003", "02000", $"SQL compilation error:\nIntegration '{name}' does not exist or not authorized.");
        }

        if (integration.AllowedLocations.Count > 0 &&
            !integration.AllowedLocations.Any(allowed => copy.Location.StartsWith(allowed, StringComparison.Ordinal)))
        {
            throw new SnowflakeSqlException("003070", "22000",
                $"SQL execution error: URL '{copy.Location}' does not match the allowed locations of integration '{name}'.");
        }

        var compiled = CompileQuery(copy.Query);
        var alias = NextAlias();
        var projections = compiled.Columns.Select((column, i) =>
        {
            var value = alias + ".c" + i.ToString(CultureInfo.InvariantCulture);
            var header = settings.Header || settings.Format == UnloadFormat.Csv
                ? column.Name
                : "col" + (i + 1).ToString(CultureInfo.InvariantCulture);
            return UnloadValue(value, column.Type, column.Name, settings.Format) + " AS " + Native.QuoteIdentifier(header);
        });
        var select = $"SELECT {string.Join(", ", projections)} FROM ({compiled.Sql}) AS {alias}";
        var files = LocalUnloader.Run(_connection, select, compiled.Columns.Count, settings, location, integration, _context.QueryId, _options.UnloadTempDirectory, Cancellation);

        var number = SnowType.Number(19, 0);
        string Int(long value) => value.ToString(CultureInfo.InvariantCulture);
        if (settings.DetailedOutput)
        {
            return new DonePlan(new EngineResult(
                [SnowType.Text.ToColumn("FILE_NAME") with { Nullable = false }, number.ToColumn("FILE_SIZE") with { Nullable = false },
                    number.ToColumn("ROW_COUNT") with { Nullable = false }],
                [.. files.Select(f => new string?[] { f.Name, Int(f.Size), Int(f.Rows) })]));
        }

        var bytes = files.Sum(f => f.Size);
        return new DonePlan(new EngineResult(
            [number.ToColumn("rows_unloaded") with { Nullable = false }, number.ToColumn("input_bytes") with { Nullable = false },
                number.ToColumn("output_bytes") with { Nullable = false }],
            [[Int(files.Sum(f => f.Rows)), Int(bytes), Int(bytes)]]));
    }

    /// <summary>A value as the file gets it: Parquet keeps types; CSV gets Snowflake's default text forms.</summary>
    private static string UnloadValue(string value, SnowType type, string name, UnloadFormat format)
    {
        if (type.Kind is SnowKind.TimestampTz or SnowKind.TimestampLtz)
        {
            throw format == UnloadFormat.Parquet
                ? new SnowflakeSqlException("002103", "0A000",
                    $"SQL compilation error:\nTIMESTAMP_TZ and TIMESTAMP_LTZ are not supported for unloading to Parquet (column '{name}'). Cast it to TIMESTAMP_NTZ, or unload to CSV.")
                : SqlErrors.NotImplemented("COPY INTO <location> of a TIMESTAMP_TZ or TIMESTAMP_LTZ column to CSV");
        }

        if (format == UnloadFormat.Parquet)
        {
            return value;
        }

        return type.Kind switch
        {
            SnowKind.Binary => $"hex({value})",
            SnowKind.TimestampNtz => $"strftime({value}, '%Y-%m-%d %H:%M:%S.%g')",
            _ => value,
        };
    }
}
