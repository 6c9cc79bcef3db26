using Microsoft.Extensions.Logging;
using Snowferry.Planning;
using Snowferry.Snowflake.Client;

namespace Snowferry.Diagnostics;

/// <summary>What <see cref="SnowferryDoctor"/> checks: the connection always; a table and a destination when given.</summary>
public sealed record SnowferryDoctorOptions
{
    /// <summary>The connections.toml connection; the default one when null (as for a transfer).</summary>
    public string? ConnectionName { get; init; }

    /// <summary>An explicit connections file instead of Snowflake's standard locations.</summary>
    public string? ConnectionsFile { get; init; }

    /// <summary>A table to check (exists, readable, plannable); the table checks are skipped when null.</summary>
    public string? Table { get; init; }

    /// <summary>The column options the plan is made with.</summary>
    public TransferPlanOptions Plan { get; init; } = new();

    /// <summary>A bucket, <c>s3://bucket/prefix</c> or local folder to check; skipped when null.</summary>
    public string? Destination { get; init; }

    /// <summary>An S3-compatible endpoint; <c>AWS_ENDPOINT_URL_S3</c>, else AWS, when null.</summary>
    public Uri? S3EndpointUrl { get; init; }

    /// <summary>The bucket's region; the AWS SDK's chain when null.</summary>
    public string? S3Region { get; init; }

    /// <summary>The storage integration an unload would use; reported as not configured when null.</summary>
    public string? StorageIntegration { get; init; }

    /// <summary>
    /// How the Snowflake client retries. Null: at most 3 attempts within 20 s, so an unreachable host is reported in
    /// seconds rather than after a transfer's 2 minutes of retrying.
    /// </summary>
    public SnowflakeClientOptions? ClientOptions { get; init; }

    /// <summary>The clock; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Receives the client's logs (never a secret); nothing logged when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
