using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon.S3.Model;
using Snowferry.Destinations.S3;
using Snowferry.Snowflake.Values;

namespace Snowferry.Bench;

/// <summary>
/// The seed's attempt, ported to C# as it did it: <c>SELECT *</c>, every row of the table into a list in memory
/// (its pandas DataFrame), fully blank rows filtered, grouped by month and the other keys with LINQ, every number
/// summed, the groups serialised to one JSON string, and that string sent with one <c>PutObject</c>.
/// Deliberately not what snowferry does: it is the reference the memory targets are measured against.
/// </summary>
internal static class NaiveTransfer
{
    public static async Task<int> RunAsync(BenchArgs args, CancellationToken cancellationToken)
    {
        using var session = new BenchSession(args);
        var table = args.Required("table");
        var keyColumns = new HashSet<string>(args.All("key-column"), StringComparer.OrdinalIgnoreCase);

        // 1. The whole table into memory, a row at a time (the seed's fetch-all into a DataFrame).
        var result = await session.Client.ExecuteAsync($"SELECT * FROM {table}", cancellationToken: cancellationToken);
        var columns = result.Columns;
        var rows = new List<object?[]>();
        await foreach (var batch in result.ReadBatchesAsync(cancellationToken))
        {
            for (var r = 0; r < batch.RowCount; r++)
            {
                var row = new object?[columns.Count];
                for (var c = 0; c < columns.Count; c++)
                {
                    row[c] = batch[r, c];
                }

                rows.Add(row);
            }
        }

        var rowsIn = rows.Count;

        // 2. Drop fully blank rows, group by month and keys, sum the numbers (LINQ over the list).
        bool IsSum(SnowflakeColumn c) => c.Type is SnowflakeType.Fixed or SnowflakeType.Real && !keyColumns.Contains(c.Name);
        var groups = rows
            .Where(row => !row.All(IsBlank))
            .GroupBy(row => string.Join('\u001f', columns.Where(c => !IsSum(c)).Select(c => KeyText(c, row[c.Ordinal]))))
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g =>
            {
                var first = g.First();
                var output = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var c in columns)
                {
                    output[c.Name] = IsSum(c)
                        ? g.Select(row => row[c.Ordinal]).Where(v => v is not null).Select(ToDecimal).DefaultIfEmpty().Sum()
                        : KeyText(c, first[c.Ordinal]);
                }

                return output;
            })
            .ToList();

        // 3. One JSON string, one PutObject.
        var json = JsonSerializer.Serialize(groups);
        var bucket = args.Required("bucket");
        var key = $"naive/{table}_{Guid.NewGuid():N}.json";
        using (var s3 = S3ClientFactory.Create(new Uri(args.Required("s3-endpoint-url"))))
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = bucket, Key = key, ContentBody = json }, cancellationToken);
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"rows_in\":{rowsIn},\"rows_out\":{groups.Count},\"bytes\":{Encoding.UTF8.GetByteCount(json)},\"file_name\":\"{key}\"}}"));
        return 0;
    }

    private static bool IsBlank(object? value) => value is null || (value is string s && string.IsNullOrWhiteSpace(s));

    private static decimal ToDecimal(object? value) => value switch
    {
        SnowflakeDecimal d => d.ToDecimal(),
        double d => (decimal)d,
        _ => 0m,
    };

    private static string? KeyText(SnowflakeColumn column, object? value) => value switch
    {
        null => null,
        SnowflakeTimestamp t when column.Type is SnowflakeType.TimestampNtz or SnowflakeType.TimestampLtz or SnowflakeType.TimestampTz =>
            t.ToDateTime().ToString("yyyy-MM-01", CultureInfo.InvariantCulture),
        DateOnly d => d.ToString("yyyy-MM-01", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture),
    };
}
