using System.Globalization;

namespace Snowferry.Bench;

/// <summary>
/// The wire floor: the plan's own statement through the library's client, every partition downloaded and decoded,
/// every batch dropped. No transfer can be faster than this.
/// </summary>
internal static class WireFloor
{
    public static async Task<int> RunAsync(BenchArgs args, CancellationToken cancellationToken)
    {
        using var session = new BenchSession(args);
        var plan = await session.PlanAsync(args.Required("table"), args.All("key-column"), cancellationToken);
        var result = await session.Client.ExecuteAsync(plan.Sql, cancellationToken: cancellationToken);
        long rows = 0;
        long sourceRows = 0;
        var batches = 0;
        await foreach (var batch in result.ReadBatchesAsync(cancellationToken))
        {
            batches++;
            rows += batch.RowCount;
            for (var r = 0; r < batch.RowCount; r++)
            {
                // Touch the hidden per-group count so the floor reads what a transfer reads.
                sourceRows += batch.GetValue<long>(r, plan.SourceRowsOrdinal);
            }
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"rows_in\":{sourceRows},\"rows_out\":{rows},\"partitions\":{result.Partitions.Count},\"batches\":{batches},\"bytes\":0}}"));
        return 0;
    }
}
