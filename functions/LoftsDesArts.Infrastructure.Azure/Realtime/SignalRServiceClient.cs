using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Core;
using Azure.Identity;
using LoftsDesArts.Core.Realtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Infrastructure.Azure.Realtime;

/// <summary>
/// The SignalR Service data-plane REST API (<c>{endpoint}/api/hubs/{hub}/...?api-version=</c>), called with
/// an Entra token for <see cref="SignalROptions.Scope"/> because local auth (access keys) is disabled on
/// the service. The token is cached until shortly before it must be refreshed. Any failure to reach the
/// service, or an error answer, becomes a <see cref="RealtimeUnavailableException"/> (with Retry-After
/// when the service sent one): change-feed handlers retry, negotiate answers 503.
/// </summary>
public sealed partial class SignalRServiceClient(
    IHttpClientFactory httpClientFactory,
    [FromKeyedServices(SignalROptions.CredentialKey)] TokenCredential credential,
    IOptions<SignalROptions> options,
    TimeProvider clock,
    ILogger<SignalRServiceClient> logger) : IDisposable
{
    public const string HttpClientName = "LoftsDesArts.SignalR";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _tokenGate = new(1, 1);
    private volatile CachedToken? _token;

    private SignalROptions Options => options.Value;

    /// <summary>The URL browsers connect to: <c>{endpoint}/client/?hub={hub}</c>.</summary>
    public Uri ClientUrl => new($"{Endpoint}/client/?hub={Uri.EscapeDataString(Options.Hub)}");

    private string Endpoint => Options.Endpoint!.AbsoluteUri.TrimEnd('/');

    public async Task<string> GenerateClientTokenAsync(string userId, CancellationToken cancellationToken)
    {
        var minutes = Options.ClientTokenMinutes.ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, Url(":generateToken", ("userId", userId), ("minutesToExpire", minutes)));
        using var response = await SendAsync("generateToken", request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadFromJsonAsync<ClientTokenResponse>(Json, cancellationToken).ConfigureAwait(false);
        return body?.Token is { Length: > 0 } token
            ? token
            : throw new RealtimeUnavailableException("SignalR Service generateToken answered without a token.");
    }

    public Task SendToUserAsync(string userId, RealtimeMessage message, CancellationToken cancellationToken) =>
        PostMessageAsync("sendToUser", Url($"users/{Segment(userId)}/:send"), message, cancellationToken);

    public Task SendToGroupAsync(string group, RealtimeMessage message, CancellationToken cancellationToken) =>
        PostMessageAsync("sendToGroup", Url($"groups/{Segment(group)}/:send"), message, cancellationToken);

    /// <summary>Adds the user, and any connection they open later, to the group (the service keeps the mapping).</summary>
    public Task AddUserToGroupAsync(string userId, string group, CancellationToken cancellationToken) =>
        SendWithoutBodyAsync("addUserToGroup", HttpMethod.Put, Url($"users/{Segment(userId)}/groups/{Segment(group)}"), cancellationToken);

    public Task RemoveUserFromGroupAsync(string userId, string group, CancellationToken cancellationToken) =>
        SendWithoutBodyAsync("removeUserFromGroup", HttpMethod.Delete, Url($"users/{Segment(userId)}/groups/{Segment(group)}"), cancellationToken);

    public Task CloseUserConnectionsAsync(string userId, CancellationToken cancellationToken) =>
        SendWithoutBodyAsync("closeUserConnections", HttpMethod.Post, Url($"users/{Segment(userId)}/:closeConnections"), cancellationToken);

    public void Dispose() => _tokenGate.Dispose();

    private async Task PostMessageAsync(string operation, Uri url, RealtimeMessage message, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = JsonContent.Create(new PayloadMessage(RealtimeProtocol.PushMethod, [message]), options: Json),
        };
        using var response = await SendAsync(operation, request, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendWithoutBodyAsync(string operation, HttpMethod method, Uri url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, url);
        using var response = await SendAsync(operation, request, cancellationToken).ConfigureAwait(false);
    }

    private Uri Url(string hubRelativePath, params (string Name, string Value)[] query)
    {
        var parameters = query
            .Append(("api-version", Options.ApiVersion))
            .Select(p => $"{Uri.EscapeDataString(p.Item1)}={Uri.EscapeDataString(p.Item2)}");
        return new Uri($"{Endpoint}/api/hubs/{Segment(Options.Hub)}/{hubRelativePath}?{string.Join('&', parameters)}");
    }

    private static string Segment(string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        return Uri.EscapeDataString(value);
    }

    private async Task<HttpResponseMessage> SendAsync(string operation, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await BearerTokenAsync(cancellationToken).ConfigureAwait(false));
        var client = httpClientFactory.CreateClient(HttpClientName);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            LogUnreachable(logger, ex, operation);
            throw new RealtimeUnavailableException($"SignalR Service {operation} could not be reached.", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, ex, operation);
            throw new RealtimeUnavailableException($"SignalR Service {operation} timed out.", ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            var code = await ErrorCodeAsync(response, cancellationToken).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            LogRefused(logger, operation, status, code);
            throw new RealtimeUnavailableException($"SignalR Service {operation} answered {status} {code}.")
            {
                RetryAfter = RetryAfter(response.Headers.RetryAfter),
            };
        }
    }

    private async Task<string> BearerTokenAsync(CancellationToken cancellationToken)
    {
        if (_token is { } cached && clock.GetUtcNow() < cached.RefreshAt)
        {
            return cached.Value;
        }

        await _tokenGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_token is { } again && clock.GetUtcNow() < again.RefreshAt)
            {
                return again.Value;
            }

            AccessToken token;
            try
            {
                token = await credential.GetTokenAsync(new TokenRequestContext([SignalROptions.Scope]), cancellationToken).ConfigureAwait(false);
            }
            catch (AuthenticationFailedException ex)
            {
                LogNoToken(logger, ex);
                throw new RealtimeUnavailableException("No Entra token for SignalR Service.", ex);
            }

            _token = new CachedToken(token.Token, token.RefreshOn ?? token.ExpiresOn - RefreshMargin);
            return token.Token;
        }
        finally
        {
            _tokenGate.Release();
        }
    }

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when date > clock.GetUtcNow() => date - clock.GetUtcNow(),
        _ => null,
    };

    private static async Task<string> ErrorCodeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var error = await response.Content.ReadFromJsonAsync<ErrorDetail>(Json, cancellationToken).ConfigureAwait(false);
            return error?.Code ?? "";
        }
        catch (JsonException)
        {
            return "";
        }
        catch (NotSupportedException)
        {
            return ""; // Not JSON.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "SignalR Service {Operation} could not be reached")]
    private static partial void LogUnreachable(ILogger logger, Exception exception, string operation);

    [LoggerMessage(Level = LogLevel.Warning, Message = "SignalR Service {Operation} answered {Status} {Code}")]
    private static partial void LogRefused(ILogger logger, string operation, int status, string code);

    [LoggerMessage(Level = LogLevel.Error, Message = "No Entra token for SignalR Service: check the managed identity and its SignalR data-plane role")]
    private static partial void LogNoToken(ILogger logger, Exception exception);

    private sealed record CachedToken(string Value, DateTimeOffset RefreshAt);

    private sealed record ClientTokenResponse(string? Token);

    private sealed record ErrorDetail(string? Code, string? Message);

    private sealed record PayloadMessage(string Target, IReadOnlyList<object> Arguments);
}
