using Microsoft.AspNetCore.Http;

namespace Snowferry.LocalSnowflake.Server;

/// <summary>Writes a finished JSON body with its length, so a client sees a complete response or a broken one.</summary>
internal static class HttpAnswers
{
    public const string Json = "application/json";

    public static async Task WriteAsync(HttpContext context, int status, ReadOnlyMemory<byte> body, string? link = null)
    {
        var response = context.Response;
        response.StatusCode = status;
        response.ContentType = Json;
        response.ContentLength = body.Length;
        if (link is not null)
        {
            response.Headers.Link = link;
        }

        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }
}
