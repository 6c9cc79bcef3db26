using Snowferry.Destinations.Internal;

namespace Snowferry.Destinations.Local;

/// <summary>One file being written: a hidden temporary file in the target folder, renamed into place on commit.</summary>
internal sealed class LocalFolderUpload : IDestinationUpload
{
    private static readonly System.Buffers.SearchValues<char> s_hexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");
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
        _tempPath = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}{TempSuffix}");
        _file = new FileStream(_tempPath, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 1 << 16, FileOptions.Asynchronous);
        _stream = new HashingWriteStream(_file);
    }

    private const string TempSuffix = ".partial";

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

    /// <summary>
    /// Deletes the temporary files uploads to <paramref name="path"/> left beside it (a killed process cannot abort); the
    /// file at <paramref name="path"/> itself is never touched. Returns how many were deleted.
    /// </summary>
    /// <exception cref="IOException">A temporary file could not be deleted.</exception>
    /// <exception cref="UnauthorizedAccessException">The folder or a temporary file may not be changed.</exception>
    public static int DeleteLeftovers(string path)
    {
        var folder = Path.GetDirectoryName(path);
        if (folder is null || !Directory.Exists(folder))
        {
            return 0;
        }

        var name = Path.GetFileName(path);
        var deleted = 0;
        foreach (var file in Directory.EnumerateFiles(folder))
        {
            if (IsTempFileOf(Path.GetFileName(file), name))
            {
                File.Delete(file);
                deleted++;
            }
        }

        return deleted;
    }

    /// <summary>True for <c>.&lt;name&gt;.&lt;32 hex digits&gt;.partial</c>, the name the constructor gives the temporary file.</summary>
    private static bool IsTempFileOf(string fileName, string name)
    {
        var head = "." + name + ".";
        if (fileName.Length != head.Length + 32 + TempSuffix.Length
            || !fileName.StartsWith(head, StringComparison.Ordinal)
            || !fileName.EndsWith(TempSuffix, StringComparison.Ordinal))
        {
            return false;
        }

        return !fileName.AsSpan(head.Length, 32).ContainsAnyExcept(s_hexDigits);
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
