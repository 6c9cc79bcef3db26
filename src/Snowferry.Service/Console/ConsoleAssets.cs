using System.Reflection;
using System.Security.Cryptography;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Snowferry.Service.Console;

/// <summary>
/// The console's static files, embedded in this assembly (<c>Console/wwwroot</c>) and read once at start-up: the page
/// works however the service is run (from the repository, as a packed tool, under tests) without a content root, and
/// a few dozen kilobytes cost less in memory than a file read per request.
/// </summary>
internal sealed class ConsoleAssets
{
    private const string Root = "Console/wwwroot";

    // Explicit, so a module is always text/javascript whatever the platform's MIME table says (browsers refuse a
    // module served as anything else once nosniff is set).
    private static readonly Dictionary<string, string> s_types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
    };

    private readonly Dictionary<string, ConsoleAsset> _assets;

    private ConsoleAssets(Dictionary<string, ConsoleAsset> assets) => _assets = assets;

    /// <summary>The page itself, served at <c>/</c>.</summary>
    public ConsoleAsset Index => _assets["index.html"];

    /// <summary>Every file, by its path under the console's folder.</summary>
    public IReadOnlyCollection<string> Paths => _assets.Keys;

    /// <summary>Reads the embedded files of <paramref name="assembly"/> (this one by default).</summary>
    /// <exception cref="InvalidOperationException">The assembly was built without the console (no <c>index.html</c>).</exception>
    public static ConsoleAssets Load(Assembly? assembly = null)
    {
        var provider = new ManifestEmbeddedFileProvider(assembly ?? typeof(ConsoleAssets).Assembly, Root);
        var assets = new Dictionary<string, ConsoleAsset>(StringComparer.Ordinal);
        Add(provider, "", assets);
        if (!assets.ContainsKey("index.html"))
        {
            throw new InvalidOperationException($"The console's files are missing from the service's assembly ({Root}/index.html): rebuild Snowferry.Service.");
        }

        return new ConsoleAssets(assets);
    }

    /// <summary>The file at <paramref name="path"/> (case-sensitive, as URLs are), or null.</summary>
    public ConsoleAsset? Find(string? path) => path is not null && _assets.TryGetValue(path, out var asset) ? asset : null;

    private static void Add(IFileProvider provider, string folder, Dictionary<string, ConsoleAsset> assets)
    {
        // The provider reads "/" as its root (an empty path is no path to it).
        foreach (var entry in provider.GetDirectoryContents("/" + folder))
        {
            var path = folder.Length == 0 ? entry.Name : folder + "/" + entry.Name;
            if (entry.IsDirectory)
            {
                Add(provider, path, assets);
                continue;
            }

            using var stream = entry.CreateReadStream();
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var body = buffer.ToArray();
            var type = s_types.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
            var tag = new EntityTagHeaderValue("\"" + Convert.ToHexStringLower(SHA256.HashData(body).AsSpan(0, 16)) + "\"");
            assets[path] = new ConsoleAsset(path, body, type, tag);
        }
    }
}
