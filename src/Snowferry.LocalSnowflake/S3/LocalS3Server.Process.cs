using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Snowferry.LocalSnowflake.S3;

public sealed partial class LocalS3Server
{
    private const int MaxStderrChars = 16_384;

    /// <summary>
    /// The tools/s3 folder: the explicit path, else <c>SNOWFERRY_S3_TOOLS</c>, else the first <c>tools/s3</c> holding a
    /// launch.mjs above the app's base directory or the current directory.
    /// </summary>
    public static string FindToolsDirectory(string? explicitPath = null) =>
        TryFindToolsDirectory(explicitPath, AppContext.BaseDirectory, Directory.GetCurrentDirectory())
        ?? throw new InvalidOperationException(NotFoundMessage(AppContext.BaseDirectory, Directory.GetCurrentDirectory()));

    /// <summary>
    /// Where the server's files are: <see cref="FindToolsDirectory"/>'s folder in a clone of the repository, else (an
    /// installed tool) the copy installed from the bundled lock into the cache folder, by npm the first time.
    /// </summary>
    internal static async Task<string> LocateToolsAsync(
        LocalS3ServerOptions options, string baseDirectory, string currentDirectory, CancellationToken cancellationToken)
    {
        if (TryFindToolsDirectory(options.ToolsDirectory, baseDirectory, currentDirectory) is { } tools)
        {
            return tools;
        }

        var bundled = LocalS3Tools.FindBundled(baseDirectory)
            ?? throw new InvalidOperationException(NotFoundMessage(baseDirectory, currentDirectory));
        var cache = options.CacheDirectory
            ?? LocalS3Tools.DefaultCacheRoot(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        return await LocalS3Tools.EnsureInstalledAsync(bundled, cache, options.NpmCommand, options.InstallNotice, cancellationToken).ConfigureAwait(false);
    }

    private static string? TryFindToolsDirectory(string? explicitPath, string baseDirectory, string currentDirectory)
    {
        var candidate = explicitPath ?? Environment.GetEnvironmentVariable(LocalS3ServerOptions.ToolsDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(candidate))
        {
            var full = Path.GetFullPath(candidate);
            return File.Exists(Path.Combine(full, "launch.mjs"))
                ? full
                : throw new InvalidOperationException($"{full} is not snowferry's tools/s3 folder (no launch.mjs in it).");
        }

        foreach (var start in new[] { baseDirectory, currentDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var tools = Path.Combine(dir.FullName, "tools", "s3");
                if (File.Exists(Path.Combine(tools, "launch.mjs")))
                {
                    return tools;
                }
            }
        }

        return null;
    }

    private static string NotFoundMessage(string baseDirectory, string currentDirectory) =>
        $"Could not find snowferry's tools/s3 folder above {baseDirectory} or {currentDirectory}, nor the copy an installed "
        + $"snowferry carries: run from the repository, or set {LocalS3ServerOptions.ToolsDirectoryVariable} to it.";

    private static ProcessStartInfo StartInfo(string node, string tools, string storage, int port)
    {
        var info = new ProcessStartInfo(node)
        {
            WorkingDirectory = tools,
            UseShellExecute = false,
            // stdin stays open while we live: the launcher exits when it closes, so a crashed parent leaves no server behind.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        info.ArgumentList.Add("--no-warnings");
        info.ArgumentList.Add(Path.Combine(tools, "launch.mjs"));
        info.ArgumentList.Add("--port");
        info.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add("--host");
        info.ArgumentList.Add("127.0.0.1");
        info.ArgumentList.Add("--storage");
        info.ArgumentList.Add(storage);
        return info;
    }

    private static async Task<int> ReadPortAsync(Process process, StringBuilder stderr, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token).ConfigureAwait(false) is { } line)
            {
                if (line.StartsWith(PortLinePrefix, StringComparison.Ordinal)
                    && int.TryParse(line.AsSpan(PortLinePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var port))
                {
                    // Keep draining stdout so the server never blocks on a full pipe.
                    _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null, CancellationToken.None);
                    return port;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"The local S3 server did not report its port within {timeout}. stderr: {Snapshot(stderr)}");
        }

        await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        throw new InvalidOperationException($"The local S3 server exited with code {process.ExitCode} before listening. stderr: {Snapshot(stderr)}");
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
        }
        catch (System.ComponentModel.Win32Exception)
        {
        }
    }

    private static void AppendBounded(StringBuilder stderr, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (stderr)
        {
            if (stderr.Length + line.Length < MaxStderrChars)
            {
                stderr.AppendLine(line);
            }
        }
    }

    private static string Snapshot(StringBuilder stderr)
    {
        lock (stderr)
        {
            return stderr.ToString();
        }
    }

    private static void DeleteQuietly(string? directory)
    {
        if (directory is null)
        {
            return;
        }

        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
