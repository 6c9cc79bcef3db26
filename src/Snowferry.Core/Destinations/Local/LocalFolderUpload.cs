using Snowferry.Destinations.Internal;

namespace Snowferry.Destinations.Local;

/// <summary>One file being written: a hidden temporary file in the target folder, renamed into place on commit.</summary>
internal sealed class LocalFolderUpload : IDestinationUpload
{
    private readonly LocalFolderDestination _destination;
    private readonly DestinationUploadOptions _options;
    private readonly string _path;
    private readonly string _tempPath;
    private readonly FileStream _file;
    private readonly HashingWriteStream _stream;
    private int _state; // 0 open, 1 committing, 2 committed, 3 aborted

    public LocalFolderUpload(LocalFolderDestination destination, string key, string path, DestinationUploadOptions options)
    {
        _destination = destination;
        _options = options;
        _path = path;
        Key = key;
        _tempPath = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.partial");
        _file = new FileStream(_tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, FileOptions.Asynchronous);
        _stream = new HashingWriteStream(_file);
    }

    public string Key { get; }

    public Stream Stream => _stream;

    public long BytesWritten => _stream.Length;

    public async Task<DestinationCommit> CommitAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("The upload was already committed or aborted.");
        }

        try
        {
            await _file.FlushAsync(cancellationToken).ConfigureAwait(false);
            RandomAccess.FlushToDisk(_file.SafeFileHandle);
            var bytes = _file.Length;
            var sha256 = _stream.GetHashAndReset();
            await _file.DisposeAsync().ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                File.Move(_tempPath, _path, overwrite: _options.Overwrite);
            }
            catch (IOException e) when (!_options.Overwrite && File.Exists(_path))
            {
                throw new DestinationExistsException(_destination.DescribeLocation(Key), e);
            }

            _state = 2;
            _stream.Release();
            return new DestinationCommit
            {
                Key = Key,
                Location = _destination.DescribeLocation(Key),
                Bytes = bytes,
                Sha256 = Convert.ToHexStringLower(sha256),
                StoreChecksum = null,
                PartCount = 1,
                CommittedAt = _destination.TimeProvider.GetUtcNow(),
            };
        }
        catch (Exception e)
        {
            await AbortAsync().ConfigureAwait(false);
            if (e is IOException or UnauthorizedAccessException)
            {
                throw new DestinationException(DestinationErrorKind.Failed, $"Could not write {_destination.DescribeLocation(Key)}: {e.Message}", e);
            }

            throw;
        }
    }

    public ValueTask DisposeAsync() => Volatile.Read(ref _state) == 2 ? ValueTask.CompletedTask : new ValueTask(AbortAsync());

    private async Task AbortAsync()
    {
        if (Interlocked.Exchange(ref _state, 3) is 2 or 3)
        {
            return;
        }

        await _file.DisposeAsync().ConfigureAwait(false);
        _stream.Release();
        try
        {
            File.Delete(_tempPath);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
