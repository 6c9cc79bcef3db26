using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Snowferry.Service.Api;

namespace Snowferry.Service.Console;

/// <summary>
/// The operator's console: the page at <c>/</c>, its files under <c>/console/</c>. No key is needed to load them (the
/// page must load before sign-in; it holds nothing secret), while every <c>/v1</c> call it makes stays authenticated.
/// Only these responses carry the strict Content-Security-Policy, so <c>/docs</c> (Scalar) keeps working as it is.
/// </summary>
internal static class ConsoleEndpoints
{
    /// <summary>Where the console's files are served.</summary>
    public const string AssetsPath = "/console";

    /// <summary>No inline script or style, nothing from another origin, no framing.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static void MapConsole(this IEndpointRouteBuilder app)
    {
        var assets = ConsoleAssets.Load();
        app.MapGet("/", (HttpContext context) => Serve(context, assets.Index))
            .AllowAnonymous().ExcludeFromDescription();
        app.MapGet(AssetsPath + "/{**path}", (string? path, HttpContext context) => Serve(context, assets.Find(path)))
            .AllowAnonymous().ExcludeFromDescription();
    }

    private static IResult Serve(HttpContext context, ConsoleAsset? asset)
    {
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        if (asset is null)
        {
            return ServiceProblems.Result(ServiceProblems.NotFound($"There is no {context.Request.Path} in the console: the page is at /."));
        }

        // Revalidated on every load (a new version is picked up at once); the ETag makes that a 304 when nothing changed.
        headers.CacheControl = "no-cache";
        return TypedResults.Bytes(asset.Body, asset.ContentType, entityTag: asset.ETag);
    }
}
