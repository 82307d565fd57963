using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Core;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Email;
using LoftsDesArts.Infrastructure.Azure.Email;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LoftsDesArts.Infrastructure.Azure.Tests.Email;

public sealed class AcsEmailSenderTests : IClassFixture<AcsStub>, IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 19, 5, 0, TimeSpan.Zero);
    private static readonly EmailRenderer Renderer = new();

    private readonly FakeCredential _credential = new();
    private readonly AcsStub _stub;
    private ServiceProvider _services = null!;

    public AcsEmailSenderTests(AcsStub stub)
    {
        _stub = stub;
        _stub.Reset();
    }

    public Task InitializeAsync()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Email:Acs:Endpoint"] = _stub.Endpoint.ToString(),
            ["Email:Acs:SenderAddress"] = "DoNotReply@portail.example.test",
            ["Email:Acs:RetryDelay"] = "00:00:00.010",
        }).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
        services.AddSingleton<TokenCredential>(_credential);
        services.AddAzureEmail(configuration);

        // Trust the stub's throw-away certificate, and only it.
        var thumbprint = _stub.Certificate.GetCertHashString();
        services.AddHttpClient(AcsEmailSender.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate?.GetCertHashString() == thumbprint },
        });
        _services = services.BuildServiceProvider();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    [Fact]
    public async Task SendAsync_Accepted_SendsTheDocumentedRequestWithABearerToken()
    {
        var message = await MessageAsync("reg-1:registration.submitted:u-zoe:registration-received");

        await Sender().SendAsync(message, CancellationToken.None);

        var request = Assert.Single(_stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/emails:send", request.Path);
        Assert.Equal("?api-version=2023-03-31", request.Query);
        Assert.Equal("Bearer fake-acs-token", request.Headers["Authorization"]);
        Assert.Equal([AcsEmailSender.Scope], Assert.Single(_credential.Scopes));
        Assert.Equal(AcsEmailSender.OperationIdFor(message.MessageId).ToString(), request.Headers["Operation-Id"]);
        Assert.True(Guid.TryParse(request.Headers["Operation-Id"], out var operationId));
        Assert.Equal(8, operationId.Version);
        Assert.True(Guid.TryParse(request.Headers["x-ms-client-request-id"], out _));
        Assert.StartsWith("application/json", request.Headers["Content-Type"], StringComparison.Ordinal);

        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal("DoNotReply@portail.example.test", root.GetProperty("senderAddress").GetString());
        Assert.Equal(message.Subject, root.GetProperty("content").GetProperty("subject").GetString());
        Assert.Equal(message.TextBody, root.GetProperty("content").GetProperty("plainText").GetString());
        Assert.Equal(message.HtmlBody, root.GetProperty("content").GetProperty("html").GetString());
        var to = Assert.Single(root.GetProperty("recipients").GetProperty("to").EnumerateArray());
        Assert.Equal("zoe@example.test", to.GetProperty("address").GetString());
        Assert.Equal("Zoé Tremblay", to.GetProperty("displayName").GetString());
        Assert.True(root.GetProperty("userEngagementTrackingDisabled").GetBoolean());
    }

    [Fact]
    public async Task SendAsync_SameNoticeTwice_CarriesTheSameOperationId()
    {
        var sender = Sender();
        var message = await MessageAsync("reg-2:registration.submitted:u-zoe:registration-received");

        await sender.SendAsync(message, CancellationToken.None);
        await sender.SendAsync(message, CancellationToken.None);
        await sender.SendAsync(await MessageAsync("reg-3:registration.submitted:u-zoe:registration-received"), CancellationToken.None);

        var ids = _stub.Requests.Select(r => r.Headers["Operation-Id"]).ToList();
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[0], ids[2]);
    }

    [Fact]
    public async Task SendAsync_429WithRetryAfter_ThrowsDeferredWithThatDelayWithoutRetrying()
    {
        _stub.Reply(new StubReply(429, new Dictionary<string, string> { ["Retry-After"] = "37" }, """{"error":{"code":"TooManyRequests","message":"quota"}}"""));

        var deferred = await Assert.ThrowsAsync<EmailDeferredException>(async () =>
            await Sender().SendAsync(await MessageAsync("m-429"), CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(37), deferred.RetryAfter);
        Assert.Equal("acs:429", deferred.ProviderCode);
        Assert.Single(_stub.Requests);
    }

    [Fact]
    public async Task SendAsync_503WithRetryAfterMs_ThrowsDeferredWithThatDelay()
    {
        _stub.Reply(new StubReply(503, new Dictionary<string, string> { ["retry-after-ms"] = "2500", ["Retry-After"] = "3" }));

        var deferred = await Assert.ThrowsAsync<EmailDeferredException>(async () =>
            await Sender().SendAsync(await MessageAsync("m-503"), CancellationToken.None));

        Assert.Equal(TimeSpan.FromMilliseconds(2500), deferred.RetryAfter);
        Assert.Single(_stub.Requests);
    }

    [Fact]
    public async Task SendAsync_500ThenAccepted_RetriesOnceWithTheSameOperationId()
    {
        _stub.Reply(new StubReply(500));

        await Sender().SendAsync(await MessageAsync("m-500"), CancellationToken.None);

        Assert.Equal(2, _stub.Requests.Count);
        Assert.Single(_stub.Requests.Select(r => r.Headers["Operation-Id"]).Distinct());
    }

    [Fact]
    public async Task SendAsync_400_ThrowsRejectedWithTheCodeButNotTheMessage()
    {
        _stub.Reply(new StubReply(400, null, """{"error":{"code":"InvalidRecipient","message":"zoe@example.test is not valid"}}"""));

        var rejected = await Assert.ThrowsAsync<EmailRejectedException>(async () =>
            await Sender().SendAsync(await MessageAsync("m-400"), CancellationToken.None));

        Assert.Equal("acs:400:InvalidRecipient", rejected.ProviderCode);
        Assert.DoesNotContain("zoe@", rejected.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_409OnOurOperationId_CountsAsAlreadyAccepted()
    {
        _stub.Reply(new StubReply(409, null, """{"error":{"code":"Conflict","message":"operation exists"}}"""));

        await Sender().SendAsync(await MessageAsync("m-409"), CancellationToken.None);

        Assert.Single(_stub.Requests);
    }

    [Fact]
    public void OperationIdFor_SameMessageId_IsStableAndDistinct()
    {
        Assert.Equal(AcsEmailSender.OperationIdFor("a:b:c"), AcsEmailSender.OperationIdFor("a:b:c"));
        Assert.NotEqual(AcsEmailSender.OperationIdFor("a:b:c"), AcsEmailSender.OperationIdFor("a:b:d"));
    }

    [Fact]
    public void AddAzureEmail_ClientIdConfigured_UsesThatUserAssignedIdentity()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Email:Acs:ManagedIdentityClientId"] = "00000000-0000-0000-0000-000000000001",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddAzureEmail(configuration).BuildServiceProvider();

        Assert.IsType<global::Azure.Identity.ManagedIdentityCredential>(provider.GetRequiredService<TokenCredential>());
    }

    private AcsEmailSender Sender() => Assert.IsType<AcsEmailSender>(_services.GetRequiredService<IEmailSender>());

    private static Task<EmailMessage> MessageAsync(string messageId) => Renderer.RenderAsync(
        new RegistrationReceived("Zoé Tremblay", "504"),
        new EmailAddress("zoe@example.test", "Zoé Tremblay"),
        Language.Fr,
        messageId);

    private sealed class FakeCredential : TokenCredential
    {
        private readonly ConcurrentQueue<string[]> _scopes = new();

        public IReadOnlyList<string[]> Scopes => [.. _scopes];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            _scopes.Enqueue(requestContext.Scopes);
            return new AccessToken("fake-acs-token", TimeProvider.System.GetUtcNow().AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
