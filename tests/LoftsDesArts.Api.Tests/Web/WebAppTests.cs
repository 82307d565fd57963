using System.Net;
using System.Text.RegularExpressions;
using LoftsDesArts.SelfHost.Web;
using LoftsDesArts.Testing.Support;

namespace LoftsDesArts.Api.Tests.Web;

/// <summary>
/// The self-host serving web/dist: index.html with a fresh nonce that matches the
/// Content-Security-Policy header, SPA fallback for client routes only, caching and security headers.
/// </summary>
public sealed partial class WebAppTests(WebAppFactory factory) : IClassFixture<WebAppFactory>
{
    [GeneratedRegex("nonce=\"([^\"]*)\"")]
    private static partial Regex NonceAttribute();

    private static async Task<(HttpResponseMessage Response, string Html, CspHeader Csp)> GetPageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.Headers.TryGetValues("Content-Security-Policy", out var values), $"no CSP header on {path}");
        return (response, html, new CspHeader(Assert.Single(values)));
    }

    [Fact]
    public async Task GetRoot_BuiltApp_NonceInPageEqualsNonceInHeader()
    {
        using var client = factory.CreateClient();
        var (response, html, csp) = await GetPageAsync(client, "/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(ContentSecurityPolicy.NoncePlaceholder, html, StringComparison.Ordinal);
        var nonces = NonceAttribute().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        var nonce = Assert.Single(nonces);
        Assert.Equal(csp.StyleNonce, nonce);
        Assert.True(Convert.FromBase64String(nonce).Length >= 16, "nonce has at least 128 bits");
    }

    [Fact]
    public async Task GetRoot_TwoRequests_NonceChanges()
    {
        using var client = factory.CreateClient();
        var first = (await GetPageAsync(client, "/")).Csp.StyleNonce;
        var second = (await GetPageAsync(client, "/")).Csp.StyleNonce;

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task GetRoot_Csp_StrictWithoutUnsafeSources()
    {
        using var client = factory.CreateClient();
        var (_, _, csp) = await GetPageAsync(client, "/");

        Assert.DoesNotContain(csp.AllSources, s => s.StartsWith("'unsafe-", StringComparison.Ordinal));
        Assert.DoesNotContain("*", csp.AllSources);
        Assert.Equal(["'self'"], csp["default-src"]);
        Assert.Equal(["'self'"], csp["script-src"]);
        Assert.Equal(["'self'", $"'nonce-{csp.StyleNonce}'"], csp["style-src"]);
        Assert.Equal(["'self'", "data:", "blob:"], csp["img-src"]);
        Assert.Equal(["'self'"], csp["connect-src"]);
        Assert.Equal(["'none'"], csp["object-src"]);
        Assert.Equal(["'none'"], csp["base-uri"]);
        Assert.Equal(["'none'"], csp["frame-ancestors"]);
        Assert.Equal(["'self'"], csp["form-action"]);
    }

    [Fact]
    public async Task GetRoot_SecurityHeadersAndNoCache_Present()
    {
        using var client = factory.CreateClient();
        var (response, _, _) = await GetPageAsync(client, "/");

        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("same-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal(SecurityHeaders.PermissionsPolicy, Assert.Single(response.Headers.GetValues("Permissions-Policy")));
        Assert.Contains("camera=(self)", SecurityHeaders.PermissionsPolicy, StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.True(response.Headers.CacheControl?.NoStore);
    }

    [Theory]
    [InlineData("/fr/verifier?jeton=abc123")]
    [InlineData("/en/verify?token=abc123")]
    [InlineData("/fr/reinitialiser?jeton=abc123")]
    [InlineData("/en/reset-password?token=abc123")]
    [InlineData("/fr/configuration?jeton=abc123")]
    [InlineData("/fr/console/unites/504")]
    [InlineData("/index.html")]
    public async Task GetClientRoute_AnyAppPath_ServesIndexWithFreshNonce(string path)
    {
        using var client = factory.CreateClient();
        var (response, html, csp) = await GetPageAsync(client, path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<div id=\"root\">", html, StringComparison.Ordinal);
        Assert.Contains($"nonce=\"{csp.StyleNonce}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain(ContentSecurityPolicy.NoncePlaceholder, html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/api/does-not-exist")]
    [InlineData("/hubs/does-not-exist")]
    [InlineData("/openapi/does-not-exist")]
    public async Task GetReservedPrefix_UnknownPath_NotFoundNotIndex(string path)
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("<div id=\"root\">", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetOpenApiDocument_WithWebApp_StillAnsweredByItsEndpoint()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task GetHashedAsset_Exists_ServedWithImmutableYearCache()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri(WebAppFactory.AssetPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WebAppFactory.AssetBody, await response.Content.ReadAsStringAsync());
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromDays(365), response.Headers.CacheControl?.MaxAge);
        Assert.Contains("immutable", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task GetPublicFile_NotHashed_RevalidatedEachTime()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/favicon.svg", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoCache);
        Assert.Null(response.Headers.CacheControl?.MaxAge);
    }

    [Fact]
    public async Task GetMissingAsset_FileExtension_NotFoundNotIndex()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/assets/missing-0000.js", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

/// <summary>The self-host without a built app: a plain bilingual page, not a crash.</summary>
public sealed class UnbuiltWebAppTests(UnbuiltWebAppFactory factory) : IClassFixture<UnbuiltWebAppFactory>
{
    [Fact]
    public async Task GetRoot_NoBuiltApp_ServiceUnavailableBilingualPageWithLockedCsp()
    {
        using var client = factory.CreateClient();
        var response = await client.GetAsync(new Uri("/fr/connexion", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains(WebAppFiles.NotBuiltTitle.Fr, html, StringComparison.Ordinal);
        Assert.Contains(WebAppFiles.NotBuiltTitle.En, html, StringComparison.Ordinal);
        Assert.Equal(ContentSecurityPolicy.Locked, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }
}

/// <summary>
/// The real build output (web/dist, produced by the SelfHost project's BuildWebApp target or
/// `npm run build`): the placeholder is where the self-host expects it and nothing inline needs
/// 'unsafe-inline'.
/// </summary>
public sealed partial class BuiltIndexTests
{
    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("<style\\b", RegexOptions.IgnoreCase)]
    private static partial Regex StyleElement();

    [GeneratedRegex("\\sstyle=", RegexOptions.IgnoreCase)]
    private static partial Regex StyleAttribute();

    [GeneratedRegex("\\son[a-z]+=", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();

    [Fact]
    public void BuiltIndex_WebDist_CarriesNoncePlaceholderAndNoInlineCode()
    {
        var path = RepositoryPaths.Combine("web", "dist", "index.html");
        Assert.True(File.Exists(path), $"{path} is missing: build the SelfHost project without -p:SkipWebBuild=true, or run `npm ci && npm run build` in web/.");
        var html = File.ReadAllText(path);

        Assert.Contains($"<meta property=\"csp-nonce\" nonce=\"{ContentSecurityPolicy.NoncePlaceholder}\">", html, StringComparison.Ordinal);
        Assert.Contains($"nonce=\"{ContentSecurityPolicy.NoncePlaceholder}\"></script>", html, StringComparison.Ordinal);
        Assert.DoesNotMatch(InlineScript(), html);
        Assert.DoesNotMatch(StyleElement(), html);
        Assert.DoesNotMatch(StyleAttribute(), html);
        Assert.DoesNotMatch(EventHandlerAttribute(), html);
    }
}
