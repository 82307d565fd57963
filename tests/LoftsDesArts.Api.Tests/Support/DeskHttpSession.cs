using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using OtpNet;

namespace LoftsDesArts.Api.Tests.Support;

/// <summary>
/// The demo front-desk account signed in over real HTTP to a self-host in another process (<see cref="SelfHostProcess"/>):
/// password, then the TOTP code computed from the key the demo printed. The session cookies are <c>Secure</c>, so a
/// cookie container would not send them over http: they are kept and sent by hand, as the benchmarks do. The session
/// lives in the store, so it outlives a killed process; only the origin changes (each start takes a new port).
/// </summary>
public sealed partial class DeskHttpSession(HttpClient client)
{
    private const string AccessCookie = "__Host-lda-at";
    private const string RefreshCookie = "__Host-lda-rt";
    private const string ChallengeCookie = "__Host-lda-mfa";

    private string _accessToken = string.Empty;
    private string _refreshToken = string.Empty;

    public string Origin { get; set; } = string.Empty;

    /// <summary>Email, password and TOTP key of the front-desk account, read from the demo's one-time console message.</summary>
    public static (string Email, string Password, string TotpKey) FrontDeskFromDemoOutput(string output)
    {
        var email = EmailLine().Match(output).Groups[1].Value;
        Assert.True(email.Length > 0, $"The demo did not print the front-desk account:\n{output}");
        var after = output[output.IndexOf(email, StringComparison.Ordinal)..];
        return (email, PasswordLine().Match(after).Groups[1].Value, TotpLine().Match(after).Groups[1].Value);
    }

    public async Task SignInAsync(string email, string password, string totpKey)
    {
        using var first = await SendAsync(HttpMethod.Post, "/api/auth/sign-in", new { email, password }, cookie: null);
        var challenge = CookieValue(first, ChallengeCookie);
        Assert.True(challenge is not null, $"No TOTP challenge: {(int)first.StatusCode} {await first.Content.ReadAsStringAsync()}");
        var code = new Totp(Base32Encoding.ToBytes(totpKey)).ComputeTotp(TimeProvider.System.GetUtcNow().UtcDateTime);
        using var second = await SendAsync(HttpMethod.Post, "/api/auth/sign-in/totp", new { code }, $"{ChallengeCookie}={challenge}");
        Take(second);
    }

    /// <summary>A fresh access token (they last 10 minutes) from the refresh token.</summary>
    public async Task RefreshAsync()
    {
        using var response = await SendAsync(HttpMethod.Post, "/api/auth/refresh", null, $"{RefreshCookie}={_refreshToken}");
        Take(response);
    }

    /// <summary>An authenticated request: status and JSON body (default when there is none).</summary>
    public async Task<(HttpStatusCode Status, JsonElement Body)> CallAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken = default)
    {
        using var response = await SendAsync(method, path, body, $"{AccessCookie}={_accessToken}", cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body, string? cookie, CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, new Uri(Origin + path));
        if (method != HttpMethod.Get)
        {
            request.Headers.Add("X-Lda-Request", "1");
            request.Headers.Add("Origin", Origin);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return await client.SendAsync(request, cancellationToken);
    }

    private void Take(HttpResponseMessage response)
    {
        _accessToken = CookieValue(response, AccessCookie) ?? throw new InvalidOperationException($"No access cookie: {(int)response.StatusCode}");
        _refreshToken = CookieValue(response, RefreshCookie) ?? throw new InvalidOperationException($"No refresh cookie: {(int)response.StatusCode}");
    }

    private static string? CookieValue(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.Select(v => v.Split(';')[0]).Where(v => v.StartsWith(name + "=", StringComparison.Ordinal)).Select(v => v[(name.Length + 1)..]).FirstOrDefault(v => v.Length > 0)
            : null;

    [GeneratedRegex(@"email : (reception@\S+)")]
    private static partial Regex EmailLine();

    [GeneratedRegex(@"password : (\S+)")]
    private static partial Regex PasswordLine();

    [GeneratedRegex(@"TOTP key : (\S+)")]
    private static partial Regex TotpLine();
}
