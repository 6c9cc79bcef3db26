using Snowferry.Service.Api;
using Snowferry.Service.Jobs;
using Snowferry.Testing;

namespace Snowferry.Service.Tests.Jobs;

/// <summary>A job store file in a temp folder, opened as many times as a test needs, and jobs to put in it.</summary>
public sealed class JobStoreFile : IAsyncDisposable
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _directory = new("snowferry-jobs-");
    private readonly List<SqliteJobStore> _stores = [];
    private int _next;

    /// <summary>In a folder that does not exist yet, as <c>.snowferry/service.db</c> on a first start.</summary>
    public string Path => _directory.Combine(System.IO.Path.Combine("state", "service.db"));

    /// <summary>A new store on the file, initialized; disposed with this.</summary>
    public async Task<SqliteJobStore> OpenAsync()
    {
        var store = new SqliteJobStore(Path);
        _stores.Add(store);
        await store.InitializeAsync(TestContext.Current.CancellationToken);
        return store;
    }

    /// <summary>A queued job of <paramref name="client"/>, submitted a second after the previous one.</summary>
    public TransferJob NewJob(string client = "alpha")
    {
        var n = Interlocked.Increment(ref _next);
        return new TransferJob
        {
            Id = n.ToString("x32", System.Globalization.CultureInfo.InvariantCulture),
            Client = client,
            SourceTable = "\"DB\".\"SALES\".\"ORDERS\"",
            Destination = "s3://bucket/prefix/",
            Options = new TransferRequestOptions { Format = "csv" },
            SubmittedAt = T0.AddSeconds(n),
        };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        _directory.Dispose();
    }
}
