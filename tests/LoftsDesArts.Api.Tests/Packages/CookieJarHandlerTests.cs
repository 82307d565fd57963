using System.Net;

namespace LoftsDesArts.Api.Tests.Packages;

/// <summary>
/// The fake-clock hosts' cookie jar. It once took any Set-Cookie line containing "1970" for a deletion,
/// and a TOTP challenge whose random MAC held those digits was dropped: a sign-in failed one time in a thousand.
/// </summary>
public sealed class CookieJarHandlerTests
{
    [Fact]
    public async Task Jar_KeepsValueContaining1970_DropsEpochDeletion_SendsTheRestBack()
    {
        var server = new ScriptedServer(
            "__Host-lda-mfa=u1.1795000000.k1.ab1970cd; expires=Thu, 26 Nov 2026 15:05:00 GMT; path=/; secure; samesite=strict; httponly",
            "__Host-lda-at=token; path=/; secure; httponly",
            "__Host-lda-at=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/; secure; httponly");
        using var client = new HttpClient(new CookieJarHandler { InnerHandler = server }) { BaseAddress = new Uri("https://portal.test") };

        await client.GetAsync("/1");
        await client.GetAsync("/2");
        await client.GetAsync("/3");
        Assert.Equal("__Host-lda-mfa=u1.1795000000.k1.ab1970cd; __Host-lda-at=token", server.LastCookie);
        await client.GetAsync("/4");
        Assert.Equal("__Host-lda-mfa=u1.1795000000.k1.ab1970cd", server.LastCookie);
    }

    /// <summary>Answers each request with the next Set-Cookie line and remembers the Cookie header it got.</summary>
    private sealed class ScriptedServer(params string[] setCookies) : HttpMessageHandler
    {
        private int _next;

        public string? LastCookie { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            LastCookie = request.Headers.TryGetValues("Cookie", out var values) ? string.Join("; ", values) : null;
            var response = new HttpResponseMessage(HttpStatusCode.OK);
            if (_next < setCookies.Length)
            {
                response.Headers.Add("Set-Cookie", setCookies[_next++]);
            }

            return Task.FromResult(response);
        }
    }
}
