using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Snowferry.Transfer;

/// <summary>
/// What <c>TransferDataAsync</c> returns for the caller's API: exactly <c>file_name</c>, <c>row_count</c> and
/// <c>timestamp</c> (see CONTRACT.md, "The main function"). Everything else lives in <see cref="TransferReport"/>.
/// </summary>
/// <param name="FileName">The object key in the destination bucket (or the file's path under a local folder).</param>
/// <param name="RowCount">Rows in the written file.</param>
/// <param name="Timestamp">When the object was committed, UTC.</param>
public sealed record TransferResult(string FileName, long RowCount, DateTimeOffset Timestamp)
{
    /// <summary>RFC 3339 in UTC with milliseconds and <c>Z</c>, e.g. <c>2026-11-24T10:15:31.402Z</c>.</summary>
    public string TimestampText => Timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary><c>{"file_name":…,"row_count":…,"timestamp":…}</c>, nothing more.</summary>
    public string ToJson(bool indented = false)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = indented }))
        {
            json.WriteStartObject();
            json.WriteString("file_name", FileName);
            json.WriteNumber("row_count", RowCount);
            json.WriteString("timestamp", TimestampText);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
