using Microsoft.Net.Http.Headers;

namespace Snowferry.Service.Console;

/// <summary>One file of the console, held in memory: its body, media type and an entity tag of its content.</summary>
/// <param name="Path">The path under the console's folder, with <c>/</c> separators (<c>js/api.js</c>).</param>
/// <param name="Body">The file's bytes.</param>
/// <param name="ContentType">The media type it is served as.</param>
/// <param name="ETag">A strong tag derived from the content: it changes exactly when the file does.</param>
internal sealed record ConsoleAsset(string Path, byte[] Body, string ContentType, EntityTagHeaderValue ETag);
