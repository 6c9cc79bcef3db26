namespace Snowferry.Destinations.Local;

/// <summary>
/// A folder on the local file system, for trying things out: each object is written to a temporary file beside its
/// final name and renamed into place on commit, so a reader sees the whole file or none; keys' slashes become folders.
/// </summary>
internal sealed class LocalFolderDestination : ITransferDestination
{
    /// <summary>Creates the destination rooted at <paramref name="folderPath"/> (created on the first upload).</summary>
    public LocalFolderDestination(string folderPath, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folderPath);
        ArgumentNullException.ThrowIfNull(timeProvider);
        FolderPath = Path.GetFullPath(folderPath);
        TimeProvider = timeProvider;
    }

    /// <summary>The root folder.</summary>
    public string FolderPath { get; }

    internal TimeProvider TimeProvider { get; }

    /// <inheritdoc />
    public string DescribeLocation(string key) => new Uri(PathOf(key)).AbsoluteUri;

    /// <inheritdoc />
    public Task<bool> ExistsAsync(string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(File.Exists(PathOf(key)));
    }

    /// <inheritdoc />
    public Task<IDestinationUpload> BeginUploadAsync(string key, DestinationUploadOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var path = PathOf(key);
        if (!options.Overwrite && File.Exists(path))
        {
            throw new DestinationExistsException(DescribeLocation(key));
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return Task.FromResult<IDestinationUpload>(new LocalFolderUpload(this, key, path, options));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DestinationException(
                e is UnauthorizedAccessException ? DestinationErrorKind.AccessDenied : DestinationErrorKind.Failed,
                $"Cannot write in {Path.GetDirectoryName(path)}: {e.Message}",
                e);
        }
    }

    /// <inheritdoc />
    public Task<Stream> OpenReadAsync(DestinationCommit commit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(commit);
        cancellationToken.ThrowIfCancellationRequested();
        var path = PathOf(commit.Key);
        try
        {
            return Task.FromResult<Stream>(
                new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.Asynchronous | FileOptions.SequentialScan));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new DestinationException(DestinationErrorKind.NotFound, $"{DescribeLocation(commit.Key)} does not exist: it was moved or deleted after it was written.", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DestinationException(
                e is UnauthorizedAccessException ? DestinationErrorKind.AccessDenied : DestinationErrorKind.Failed,
                $"Cannot read {path}: {e.Message}",
                e);
        }
    }

    /// <summary>The file a key maps to; a key cannot climb out of the folder.</summary>
    internal string PathOf(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var segments = key.Split('/');
        if (segments.Any(s => s.Length == 0 || s is "." or ".." || s.Contains('\\', StringComparison.Ordinal) || s.Contains('\0', StringComparison.Ordinal)))
        {
            throw new DestinationException(DestinationErrorKind.InvalidAddress, $"'{key}' is not a valid key for a folder: no empty, '.' or '..' segments.");
        }

        return Path.Combine([FolderPath, .. segments]);
    }
}
