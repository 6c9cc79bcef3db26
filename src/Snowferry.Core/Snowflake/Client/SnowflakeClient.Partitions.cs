using System.Net;
using Snowferry.Internal;
using Snowferry.Snowflake.Values;

namespace Snowferry.Snowflake.Client;

public sealed partial class SnowflakeClient
{
    internal SnowflakeClientOptions Options => _options;

    /// <summary>
    /// Downloads and decodes one partition, retrying it from scratch on throttling or a broken body. The body is
    /// inflated and decoded in one of the <see cref="Workers"/>' slots.
    /// </summary>
    internal Task<SnowflakeRowBatch> FetchPartitionAsync(
        string handle, IReadOnlyList<SnowflakeColumn> columns, int index, long firstRowIndex, SnowflakePartitionInfo? info, CancellationToken cancellationToken)
    {
        var uri = new Uri($"/api/v2/statements/{Uri.EscapeDataString(handle)}?partition={index}", UriKind.Relative);
        return SendAsync(
            HttpMethod.Get,
            _ => uri,
            null,
            $"GET partition {index}",
            (response, body) =>
            {
                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw ErrorFromBody(response.StatusCode, body);
                }

                var batch = ResultParser.ParsePartition(body.Span, columns, index, firstRowIndex, info?.RowCount, handle);
                Log.PartitionDecoded(_logger, index, handle, batch.RowCount, body.Length);
                return batch;
            },
            cancellationToken,
            info?.UncompressedSize ?? 0,
            workers: Workers);
    }
}
