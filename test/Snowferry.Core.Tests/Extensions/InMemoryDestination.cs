using System.Collections.Concurrent;
using System.Security.Cryptography;
using Snowferry.Destinations;

namespace Snowferry.Tests.Extensions;

/// <summary>
/// A toy destination written outside <c>src/</c> to show a destination is one type plus its upload: objects are byte
/// arrays in a dictionary, an upload a <see cref="MemoryStream"/> published on commit.
/// </summary>
public sealed class InMemoryDestination(TimeProvider timeProvider) : ITransferDestination
{
    private readonly ConcurrentDictionary<string, byte[]> _objects = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _reads = new();

    /// <summary>The committed objects by key.</summary>
    public IReadOnlyDictionary<string, byte[]> Objects => _objects;

    /// <summary>The keys read back, in order.</summary>
    public IReadOnlyCollection<string> Reads => _reads;

    /// <summary>Changes what a read returns (a store that serves other bytes than it was given); null serves them as stored.</summary>
    public Func<byte[], byte[]>? Tamper { get; set; }

    public string DescribeLocation(string key) => "memory:///" + key;

    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken) => Task.FromResult(_objects.ContainsKey(key));

    public Task<IDestinationUpload> BeginUploadAsync(string key, DestinationUploadOptions options, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return !options.Overwrite && _objects.ContainsKey(key)
            ? throw new DestinationExistsException(DescribeLocation(key))
            : Task.FromResult<IDestinationUpload>(new Upload(this, key, options.Overwrite));
    }

    public Task<Stream> OpenReadAsync(DestinationCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        if (!_objects.TryGetValue(commit.Key, out var bytes))
        {
            throw new DestinationException(DestinationErrorKind.NotFound, $"{DescribeLocation(commit.Key)} does not exist.");
        }

        _reads.Enqueue(commit.Key);
        return Task.FromResult<Stream>(new MemoryStream(Tamper?.Invoke([.. bytes]) ?? bytes, writable: false));
    }

    private sealed class Upload(InMemoryDestination destination, string key, bool overwrite) : IDestinationUpload
    {
        private readonly MemoryStream _stream = new();

        public string Key => key;

        public Stream Stream => _stream;

        public long BytesWritten => _stream.Length;

        public Task<DestinationCommit> CommitAsync(CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var bytes = _stream.ToArray();
            if (overwrite)
            {
                destination._objects[key] = bytes;
            }
            else if (!destination._objects.TryAdd(key, bytes))
            {
                throw new DestinationExistsException(destination.DescribeLocation(key));
            }

            return Task.FromResult(new DestinationCommit
            {
                Key = key,
                Location = destination.DescribeLocation(key),
                Bytes = bytes.Length,
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)),
                PartCount = 1,
                CommittedAt = destination.Now,
            });
        }

        public ValueTask DisposeAsync() => _stream.DisposeAsync();
    }

    private DateTimeOffset Now => timeProvider.GetUtcNow();
}
