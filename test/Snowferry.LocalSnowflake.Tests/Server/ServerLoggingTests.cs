using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Snowferry.LocalSnowflake.Server;

namespace Snowferry.LocalSnowflake.Tests.Server;

/// <summary>The server logs handles, codes and reasons: never a token, SQL text or a row value.</summary>
public sealed class ServerLoggingTests
{
    [Fact]
    public async Task Requests_RefusedAndFailed_LogNoTokenSqlOrValues()
    {
        using var capture = new CapturingLoggerProvider();
        using var factory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(capture));
        await using var sut = await ServerHarness.StartAsync(new LocalSnowflakeServerOptions { LoggerFactory = factory, PartitionRowCount = 3 });
        sut.Statements.Add("SELECT SECRET_COLUMN", [CannedStatements.Name], ["secret-row-value"]);
        var expired = sut.Jwt(issuedAt: sut.Time.GetUtcNow() - TimeSpan.FromHours(3));

        var refused = await sut.SendAsync(sut.Request(HttpMethod.Post, "/api/v2/statements", ServerHarness.Body("SELECT SECRET_COLUMN"), expired));
        await sut.PostStatementAsync("SELECT SECRET_COLUMN");
        await sut.PostStatementAsync("SELECT BROKEN_SECRET");

        Assert.Equal(401, (int)refused.Status);
        var log = string.Join("\n", capture.Lines);
        Assert.Contains("401", log, StringComparison.Ordinal);
        Assert.Contains("001003", log, StringComparison.Ordinal);
        Assert.DoesNotContain(expired, log, StringComparison.Ordinal);
        Assert.DoesNotContain(expired.Split('.')[2], log, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", log, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-row-value", log, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_BodyOverTheLimit_Is413()
    {
        await using var sut = await ServerHarness.StartAsync(new LocalSnowflakeServerOptions { MaxRequestBodyBytes = 2048 });

        var answer = await sut.PostStatementAsync("SELECT '" + new string('x', 10_000) + "'");

        Assert.Equal(413, (int)answer.Status);
        Assert.Empty(sut.Statements.Executed);
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(Lines);

        public void Dispose()
        {
        }

        private sealed class Logger(ConcurrentQueue<string> lines) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                lines.Enqueue($"{eventId.Id} {formatter(state, exception)} {exception}");
        }
    }
}
