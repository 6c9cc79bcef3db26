using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Snowferry.Snowflake;
using Snowferry.Snowflake.Client;

namespace Snowferry.Tests.Snowflake.Client;

public sealed class SnowflakeClientRetryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExecuteAsync_SlowFailures_StopsAtRetryTimeout()
    {
        var time = new FakeTimeProvider();
        var handler = new FakeSnowflakeHandler((_, _) =>
        {
            time.Advance(TimeSpan.FromSeconds(50)); // each failing answer takes 50 s
            return Fake.JsonTask(HttpStatusCode.GatewayTimeout, "{}");
        });
        var options = new SnowflakeClientOptions
        {
            RetryTimeout = TimeSpan.FromMinutes(2),
            MaxAttempts = 100,
            RetryBaseDelay = TimeSpan.Zero,
            RetryMaxDelay = TimeSpan.Zero,
        };
        var client = new SnowflakeClient(new HttpClient(handler), Fake.Settings, new FakeTokens(), options, time);

        var ex = await Assert.ThrowsAsync<SnowflakeException>(() => client.ExecuteAsync("SELECT 1", cancellationToken: Ct));

        Assert.True(ex.IsTransient);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Contains("3 times over 150.0 s", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_RetriesAndRenewals_LogNeitherTokensNorSql()
    {
        var logger = new ListLogger();
        var calls = 0;
        var handler = new FakeSnowflakeHandler((r, _) => ++calls switch
        {
            1 => Fake.JsonTask(HttpStatusCode.Unauthorized, """{"code":"390303","message":"expired"}"""),
            2 => Fake.JsonTask(HttpStatusCode.ServiceUnavailable, "{}"),
            3 => Fake.JsonTask(HttpStatusCode.Accepted, Fake.Running("hl")),
            _ => Fake.JsonTask(HttpStatusCode.OK, Fake.ResultJson("hl", 1)),
        });
        var client = new SnowflakeClient(new HttpClient(handler), Fake.Settings, new FakeTokens(), Fake.FastOptions, logger: logger);

        await client.ExecuteAsync("SELECT 'sensitive-literal'", cancellationToken: Ct);

        var all = string.Join("\n", logger.Lines);
        Assert.Contains("renewing the token", all, StringComparison.Ordinal);
        Assert.Contains("retrying", all, StringComparison.Ordinal);
        Assert.Contains("hl", all, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-tok", all, StringComparison.Ordinal);
        Assert.DoesNotContain("sensitive-literal", all, StringComparison.Ordinal);
    }

    private sealed class ListLogger : ILogger<SnowflakeClient>
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Enqueue($"{eventId.Id} {formatter(state, exception)} {exception}");
    }
}
