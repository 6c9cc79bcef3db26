using Snowferry.Snowflake.Values;

namespace Snowferry.Snowflake.Client;

/// <summary>What one SQL API JSON body said: status fields always, result metadata and partition 0 when present.</summary>
internal sealed class ResponsePayload
{
    public string? Code { get; set; }

    public string? SqlState { get; set; }

    public string? Message { get; set; }

    public string? StatementHandle { get; set; }

    public string? StatementStatusUrl { get; set; }

    public long? CreatedOnMilliseconds { get; set; }

    public IReadOnlyList<string>? StatementHandles { get; set; }

    public IReadOnlyList<SnowflakeColumn>? Columns { get; set; }

    public long? NumRows { get; set; }

    public IReadOnlyList<SnowflakePartitionInfo>? Partitions { get; set; }

    public SnowflakeStatementStats? Stats { get; set; }

    public SnowflakeRowBatch? FirstBatch { get; set; }
}
