using Snowferry.LocalSnowflake.Engine;

namespace Snowferry.LocalSnowflake.Server;

/// <summary>
/// Snowflake's SQL API (<c>/api/v2/statements</c>) on a loopback port, over a <see cref="LocalEngine"/>.
/// </summary>
public sealed class LocalSnowflakeServer : IAsyncDisposable
{
    private LocalSnowflakeServer(LocalSnowflakeServerOptions options, LocalEngine engine)
    {
        Options = options;
        Engine = engine;
        throw new NotImplementedException();
    }

    /// <summary>Starts the server on 127.0.0.1 (port 0 = a free one). The engine is owned by the caller.</summary>
    public static Task<LocalSnowflakeServer> StartAsync(LocalSnowflakeServerOptions options, LocalEngine engine, CancellationToken cancellationToken) =>
        throw new NotImplementedException();

    public LocalSnowflakeServerOptions Options { get; }

    public LocalEngine Engine { get; }

    /// <summary><c>http://127.0.0.1:port/</c>.</summary>
    public Uri BaseAddress => throw new NotImplementedException();

    /// <summary>Fault switches for tests.</summary>
    public LocalSnowflakeFaults Faults => throw new NotImplementedException();

    /// <summary>Registers a user's RSA public key (PEM, SubjectPublicKeyInfo) like <c>ALTER USER … SET RSA_PUBLIC_KEY</c>.</summary>
    public void RegisterPublicKey(string user, string publicKeyPem) => throw new NotImplementedException();

    /// <summary>Registers a programmatic access token (secret) for a user.</summary>
    public void RegisterProgrammaticAccessToken(string user, string token) => throw new NotImplementedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

public sealed record LocalSnowflakeServerOptions
{
    /// <summary>0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>The account name clients use (JWT <c>iss</c>/<c>sub</c> must name it).</summary>
    public string Account { get; init; } = "LOCALSNOWFLAKE";

    /// <summary>Rows per result partition (Snowflake picks ~10-15 MB; tests use a few rows).</summary>
    public int PartitionRowCount { get; init; } = 10_000;

    /// <summary>How long a POST waits for the statement before answering 202 (Snowflake: 45 s).</summary>
    public TimeSpan SyncWait { get; init; } = TimeSpan.FromSeconds(45);

    /// <summary>Where result partitions are kept (gzip files); a fresh temp folder when null.</summary>
    public string? ResultDirectory { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}

/// <summary>Test switches; all thread-safe, each counts down as it fires.</summary>
public sealed class LocalSnowflakeFaults
{
    /// <summary>Answer the next <paramref name="count"/> requests (any endpoint) with this status (429, 503, 500…).</summary>
    public void FailNextRequests(int count, int httpStatus) => throw new NotImplementedException();

    /// <summary>Cut the next <paramref name="count"/> partition downloads (n ≥ 1) mid-body.</summary>
    public void DropNextPartitionDownloads(int count) => throw new NotImplementedException();

    /// <summary>Make every statement take at least this long (drives 202 polling and cancellation).</summary>
    public TimeSpan StatementDelay { get; set; }
}
