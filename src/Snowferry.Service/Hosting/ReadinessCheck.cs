using Snowferry.Service.Jobs;
using Snowferry.Snowflake.Client;
using Snowferry.Transfer;

namespace Snowferry.Service.Hosting;

/// <summary>
/// Ready when the job store answers and Snowflake runs a trivial statement. The answer is kept for a few seconds so a
/// probe every second costs Snowflake one statement every five.
/// </summary>
internal sealed class ReadinessCheck(IJobStore store, SnowferryDataSource dataSource, TimeProvider time) : IDisposable
{
    private static readonly TimeSpan s_keep = TimeSpan.FromSeconds(5);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (bool Ready, DateTimeOffset At)? _last;

    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_last is { } last && time.GetUtcNow() - last.At < s_keep)
            {
                return last.Ready;
            }

            var ready = await CheckAsync(cancellationToken).ConfigureAwait(false);
            _last = (ready, time.GetUtcNow());
            return ready;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (!await store.PingAsync(cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(10));
            await dataSource.Snowflake.Client.ExecuteAsync("SELECT 1", new SnowflakeStatementOptions { Timeout = TimeSpan.FromSeconds(10) }, timeout.Token)
                .ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose() => _gate.Dispose();
}
