using System.Globalization;
using System.Text.Json;
using Snowferry.Planning;
using Snowferry.Transfer;

namespace Snowferry.Unload;

/// <summary>The manifest JSON: what the run wrote and how, written last so that its presence means "complete".</summary>
internal static class UnloadManifest
{
    public const string FileName = "manifest.json";

    public static byte[] Write(TransferPlan plan, UnloadReport report, DateTimeOffset started)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("format_version", "1");
            json.WriteString("source_table", report.SourceTable);
            json.WriteString("query_id", report.QueryId);
            json.WriteString("format", report.Format == UnloadFileFormat.Parquet ? "parquet" : "csv");
            json.WriteString("started", Stamp(started));
            json.WriteString("timestamp", Stamp(report.Timestamp));
            json.WriteNumber("row_count", report.RowCount);
            json.WriteNumber("bytes", report.Bytes);
            json.WriteStartArray("columns");
            foreach (var column in plan.Columns)
            {
                json.WriteStartObject();
                json.WriteString("name", column.Source.Name);
                json.WriteString("role", column.Role.ToString().ToLowerInvariant());
                if (column.Output is { } output)
                {
                    json.WriteString("type", TransferJob.TypeName(output));
                }
                else
                {
                    json.WriteNull("type");
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("files");
            foreach (var file in report.Files)
            {
                json.WriteStartObject();
                json.WriteString("key", file.Key);
                json.WriteNumber("bytes", file.Bytes);
                json.WriteNumber("row_count", file.RowCount);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static string Stamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
