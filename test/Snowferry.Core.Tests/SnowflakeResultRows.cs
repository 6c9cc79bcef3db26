using Snowferry.Snowflake.Client;

namespace Snowferry.Tests;

/// <summary>Reads a whole (small) result into memory as boxed values, row by row: for tests only.</summary>
internal static class SnowflakeResultRows
{
    public static async Task<List<object?[]>> ReadAllAsync(SnowflakeResult result, CancellationToken cancellationToken)
    {
        var rows = new List<object?[]>();
        await foreach (var batch in result.ReadBatchesAsync(cancellationToken))
        {
            for (var row = 0; row < batch.RowCount; row++)
            {
                var values = new object?[batch.Columns.Count];
                for (var column = 0; column < values.Length; column++)
                {
                    values[column] = batch[row, column];
                }

                rows.Add(values);
            }
        }

        return rows;
    }
}
