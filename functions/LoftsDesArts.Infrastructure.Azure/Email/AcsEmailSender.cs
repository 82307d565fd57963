using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Identity;
using LoftsDesArts.Core.Email;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Infrastructure.Azure.Email;

/// <summary>
/// Sends through the Azure Communication Services Email REST API
/// (<c>POST {endpoint}/emails:send?api-version=2023-03-31</c>; the Azure.Communication.Email SDK is
/// not served here, DESIGN §6) on the Azure.Core pipeline, authenticated by a bearer token for
/// <c>https://communication.azure.com//.default</c> (managed identity in production).
/// </summary>
/// <remarks>
/// The <c>Operation-Id</c> header is a GUID derived from <see cref="EmailMessage.MessageId"/>, so a
/// retry of one notice is the same operation to the service. 202 is success (the service queues the
/// message; we do not poll the operation). 429 and 503 are <see cref="EmailDeferredException"/> with
/// the server's Retry-After (<c>retry-after-ms</c>, <c>x-ms-retry-after-ms</c> or <c>Retry-After</c>):
/// the notice stores it as its next attempt, which every instance sees, where an in-memory token
/// bucket would only pace one instance. 408, 5xx, 401/403 (a token or role assignment problem
/// that an operator can fix) and unreachable service are deferred too; other 4xx are
/// <see cref="EmailRejectedException"/>. 409 on our own Operation-Id is taken to mean the operation
/// already exists, i.e. an earlier attempt was accepted: it counts as sent.
/// </remarks>
public sealed partial class AcsEmailSender : IEmailSender
{
    public const string HttpClientName = "acs-email";
    public const string Scope = "https://communication.azure.com//.default";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly AcsEmailOptions _options;
    private readonly Uri _endpoint;
    private readonly string _sender;
    private readonly HttpPipeline _pipeline;
    private readonly TimeProvider _time;
    private readonly ILogger<AcsEmailSender> _logger;

    public AcsEmailSender(IOptions<AcsEmailOptions> options, TokenCredential credential, IHttpClientFactory httpClientFactory, TimeProvider time, ILogger<AcsEmailSender> logger)
    {
        _options = options.Value;
        _endpoint = _options.Endpoint ?? throw new InvalidOperationException("Email:Acs:Endpoint is not set.");
        _sender = string.IsNullOrWhiteSpace(_options.SenderAddress) ? throw new InvalidOperationException("Email:Acs:SenderAddress is not set.") : _options.SenderAddress;
        _time = time;
        _logger = logger;

        var clientOptions = new AcsClientOptions
        {
            Transport = new HttpClientTransport(httpClientFactory.CreateClient(HttpClientName)),
            RetryPolicy = new QuickRetryPolicy(_options.MaxRetries, DelayStrategy.CreateExponentialDelayStrategy(_options.RetryDelay, TimeSpan.FromSeconds(10))),
        };
        clientOptions.Retry.NetworkTimeout = _options.NetworkTimeout;
        clientOptions.Diagnostics.IsLoggingContentEnabled = false;
        _pipeline = HttpPipelineBuilder.Build(
            clientOptions,
            perCallPolicies: [],
            perRetryPolicies: [new BearerTokenAuthenticationPolicy(credential, Scope)],
            responseClassifier: new ResponseClassifier());
    }

    /// <summary>The Operation-Id for a message id: a name-based GUID (RFC 9562 version 8) from its SHA-256.</summary>
    public static Guid OperationIdFor(string messageId)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes("lofts-des-arts/email/" + messageId), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    public async Task SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var operationId = OperationIdFor(message.MessageId);
        using var http = _pipeline.CreateMessage();
        var request = http.Request;
        request.Method = RequestMethod.Post;
        var uri = new RequestUriBuilder();
        uri.Reset(_endpoint);
        uri.AppendPath("/emails:send", escape: false);
        uri.AppendQuery("api-version", _options.ApiVersion, escapeValue: true);
        request.Uri = uri;
        request.Headers.Add("Operation-Id", operationId.ToString());
        request.Headers.Add("Accept", "application/json");
        request.Headers.Add("Content-Type", "application/json");
        request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(Body(message), Json));

        try
        {
            await _pipeline.SendAsync(http, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == 0)
        {
            throw Deferred("acs:unreachable", _options.DefaultRetryAfter, e);
        }
        catch (AuthenticationFailedException e)
        {
            throw Deferred("acs:token", _options.DefaultRetryAfter, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Deferred("acs:timeout", _options.DefaultRetryAfter, e);
        }

        var response = http.Response;
        var status = response.Status;
        switch (status)
        {
            case 202:
                LogAccepted(operationId, response.Headers.TryGetValue("Operation-Location", out var location) ? location : null);
                return;
            case 409:
                LogAlreadyAccepted(operationId);
                return;
            case 429 or 503 or 408 or 401 or 403 or >= 500:
                throw Deferred($"acs:{status}", RetryAfter(response) ?? _options.DefaultRetryAfter);
            default:
                var code = ErrorCode(response);
                throw new EmailRejectedException($"ACS Email refused the message ({status} {code}).", code is null ? $"acs:{status}" : $"acs:{status}:{code}");
        }
    }

    private object Body(EmailMessage message) => new
    {
        senderAddress = _sender,
        content = new { subject = message.Subject, plainText = message.TextBody, html = message.HtmlBody },
        recipients = new
        {
            to = new[] { new { address = message.To.Address, displayName = message.To.DisplayName ?? string.Empty } },
        },
        userEngagementTrackingDisabled = _options.DisableUserEngagementTracking,
    };

    private static EmailDeferredException Deferred(string code, TimeSpan retryAfter, Exception? inner = null) =>
        new($"ACS Email deferred the message ({code}).", retryAfter, inner) { ProviderCode = code };

    /// <summary>retry-after-ms / x-ms-retry-after-ms (milliseconds), else Retry-After (seconds or an HTTP date).</summary>
    private TimeSpan? RetryAfter(Response response)
    {
        foreach (var header in new[] { "retry-after-ms", "x-ms-retry-after-ms" })
        {
            if (response.Headers.TryGetValue(header, out var ms) && double.TryParse(ms, NumberStyles.Float, CultureInfo.InvariantCulture, out var milliseconds) && milliseconds >= 0)
            {
                return TimeSpan.FromMilliseconds(milliseconds);
            }
        }

        if (response.Headers.TryGetValue("Retry-After", out var value))
        {
            if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
            {
                return TimeSpan.FromSeconds(seconds);
            }

            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                var wait = at - _time.GetUtcNow();
                return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
            }
        }

        return null;
    }

    /// <summary>The service's error code (<c>{"error":{"code":…}}</c>), reduced to safe characters: never its message.</summary>
    private static string? ErrorCode(Response response)
    {
        try
        {
            using var document = JsonDocument.Parse(response.Content.ToMemory());
            if (document.RootElement.TryGetProperty("error", out var error) && error.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.String)
            {
                var safe = new string(code.GetString()!.Where(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_').Take(64).ToArray());
                return safe.Length > 0 ? safe : null;
            }
        }
        catch (JsonException)
        {
        }

        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ACS Email accepted operation {OperationId} ({OperationLocation})")]
    private partial void LogAccepted(Guid operationId, string? operationLocation);

    [LoggerMessage(Level = LogLevel.Information, Message = "ACS Email already has operation {OperationId}: an earlier attempt was accepted")]
    private partial void LogAlreadyAccepted(Guid operationId);

    private sealed class AcsClientOptions : ClientOptions
    {
    }

    /// <summary>Retries transport failures and 408/500/502/504 quickly; leaves 429 and 503 to the notice's Retry-After.</summary>
    private sealed class QuickRetryPolicy(int maxRetries, DelayStrategy delay) : RetryPolicy(maxRetries, delay)
    {
        protected override bool ShouldRetry(HttpMessage message, Exception? exception) =>
            !IsThrottled(message) && base.ShouldRetry(message, exception);

        protected override ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception) =>
            IsThrottled(message) ? ValueTask.FromResult(false) : base.ShouldRetryAsync(message, exception);

        private static bool IsThrottled(HttpMessage message) => message.HasResponse && message.Response.Status is 429 or 503;
    }
}
