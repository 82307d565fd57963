using System.Text.Json;
using Azure.Core;
using Azure.Identity;
using LoftsDesArts.Core.Realtime;
using LoftsDesArts.Infrastructure.Azure.Realtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LoftsDesArts.Infrastructure.Azure.Tests.Realtime;

/// <summary>
/// The SignalR Service adapters against a local stub of the data-plane REST API: each test checks the
/// exact requests (method, path, api-version, bearer token from the credential, body shape).
/// </summary>
public sealed class SignalRServiceAdapterTests : IAsyncLifetime
{
    private const string ApiVersion = "2024-12-01";

    private static readonly RealtimeMessage Arrived = new("package.arrived", new Dictionary<string, string> { ["buildingId"] = "b1", ["packageId"] = "p42" });

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 14, 0, 0, TimeSpan.Zero));
    private SignalRServiceStub _stub = null!;
    private FakeTokenCredential _credential = null!;
    private ServiceProvider _services = null!;

    public async Task InitializeAsync()
    {
        _stub = await SignalRServiceStub.StartAsync();
        _credential = new FakeTokenCredential(_clock);
        _services = BuildServices(_stub.Endpoint.AbsoluteUri, _credential, _clock);
    }

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _stub.DisposeAsync();
    }

    private IRealtimePublisher Publisher => _services.GetRequiredService<IRealtimePublisher>();

    private IRealtimeNegotiator Negotiator => _services.GetRequiredService<IRealtimeNegotiator>();

    [Fact]
    public async Task NegotiateAsync_UserWithGroups_GeneratesTokenJoinsGroupsAndRedirectsToClientUrl()
    {
        var redirect = await Negotiator.NegotiateAsync("user-1", ["staff.b1", "unit.b1.u305"], CancellationToken.None);

        Assert.Equal(new Uri(_stub.Endpoint, "/client/?hub=portal"), redirect.Url);
        Assert.Equal(SignalRServiceStub.ClientToken, redirect.AccessToken);

        var requests = _stub.Requests;
        Assert.Equal(3, requests.Count);
        var generate = Assert.Single(requests, r => r.Path.EndsWith(":generateToken", StringComparison.Ordinal));
        Assert.Equal("POST", generate.Method);
        Assert.Equal("/api/hubs/portal/:generateToken", generate.Path);
        Assert.Equal(new Dictionary<string, string> { ["userId"] = "user-1", ["minutesToExpire"] = "5", ["api-version"] = ApiVersion }, generate.Query);
        Assert.Equal("Bearer entra-token-1", generate.Authorization);

        var joins = requests.Where(r => r.Method == "PUT").Select(r => r.RawTarget).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(
            [
                $"/api/hubs/portal/users/user-1/groups/staff.b1?api-version={ApiVersion}",
                $"/api/hubs/portal/users/user-1/groups/unit.b1.u305?api-version={ApiVersion}",
            ],
            joins);
        Assert.All(requests, r => Assert.Equal("Bearer entra-token-1", r.Authorization));
    }

    [Fact]
    public async Task SendToUserAsync_Message_PostsTargetPushWithKindAndIds()
    {
        await Publisher.SendToUserAsync("user-1", Arrived, CancellationToken.None);

        var request = Assert.Single(_stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/api/hubs/portal/users/user-1/:send?api-version={ApiVersion}", request.RawTarget);
        Assert.Equal("Bearer entra-token-1", request.Authorization);
        Assert.StartsWith("application/json", request.ContentType, StringComparison.Ordinal);
        AssertPushBody(request.Body);
    }

    [Fact]
    public async Task SendToGroupAsync_Message_PostsToGroupSend()
    {
        await Publisher.SendToGroupAsync("staff.b1", Arrived, CancellationToken.None);

        var request = Assert.Single(_stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/api/hubs/portal/groups/staff.b1/:send?api-version={ApiVersion}", request.RawTarget);
        Assert.Equal("Bearer entra-token-1", request.Authorization);
        AssertPushBody(request.Body);
    }

    [Fact]
    public async Task AddUserToGroupAsync_PutsUserGroupMapping()
    {
        await Publisher.AddUserToGroupAsync("user-1", "unit.b1.u305", CancellationToken.None);

        var request = Assert.Single(_stub.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal($"/api/hubs/portal/users/user-1/groups/unit.b1.u305?api-version={ApiVersion}", request.RawTarget);
        Assert.Equal("Bearer entra-token-1", request.Authorization);
        Assert.Equal("", request.Body);
    }

    [Fact]
    public async Task RemoveUserFromGroupAsync_DeletesUserGroupMapping()
    {
        await Publisher.RemoveUserFromGroupAsync("user-1", "staff.b1", CancellationToken.None);

        var request = Assert.Single(_stub.Requests);
        Assert.Equal("DELETE", request.Method);
        Assert.Equal($"/api/hubs/portal/users/user-1/groups/staff.b1?api-version={ApiVersion}", request.RawTarget);
        Assert.Equal("Bearer entra-token-1", request.Authorization);
    }

    [Fact]
    public async Task CloseUserConnectionsAsync_PostsCloseConnections()
    {
        await Publisher.CloseUserConnectionsAsync("user-1", CancellationToken.None);

        var request = Assert.Single(_stub.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal($"/api/hubs/portal/users/user-1/:closeConnections?api-version={ApiVersion}", request.RawTarget);
        Assert.Equal("Bearer entra-token-1", request.Authorization);
    }

    [Fact]
    public async Task SendToUserAsync_IdWithReservedCharacters_IsEscapedAsOnePathSegment()
    {
        await Publisher.SendToUserAsync("tenant/oid 7?", Arrived, CancellationToken.None);

        var request = Assert.Single(_stub.Requests);
        Assert.Equal($"/api/hubs/portal/users/tenant%2Foid%207%3F/:send?api-version={ApiVersion}", request.RawTarget);
    }

    [Fact]
    public async Task Calls_EntraToken_AskedForSignalRScopeAndReusedUntilRefreshTime()
    {
        await Publisher.SendToGroupAsync("staff.b1", Arrived, CancellationToken.None);
        await Publisher.SendToUserAsync("user-1", Arrived, CancellationToken.None);
        Assert.Equal(1, _credential.Issued);

        // The fake token expires after an hour; it is refreshed five minutes before.
        _clock.Advance(TimeSpan.FromMinutes(56));
        await Publisher.SendToUserAsync("user-1", Arrived, CancellationToken.None);

        Assert.Equal(2, _credential.Issued);
        Assert.All(_credential.RequestedScopes, scopes => Assert.Equal(["https://signalr.azure.com/.default"], scopes));
        Assert.Equal(["Bearer entra-token-1", "Bearer entra-token-1", "Bearer entra-token-2"], _stub.Requests.Select(r => r.Authorization));
    }

    [Fact]
    public async Task SendToGroupAsync_ServiceBusy_ThrowsUnavailableWithRetryAfter()
    {
        _stub.Answer(new StubAnswer(503, """{"code":"ServiceBusy","message":"Try later."}""", new Dictionary<string, string> { ["Retry-After"] = "7" }));

        var ex = await Assert.ThrowsAsync<RealtimeUnavailableException>(() => Publisher.SendToGroupAsync("staff.b1", Arrived, CancellationToken.None));

        Assert.Equal(TimeSpan.FromSeconds(7), ex.RetryAfter);
        Assert.Contains("503", ex.Message, StringComparison.Ordinal);
        Assert.Contains("ServiceBusy", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NegotiateAsync_ServiceRefusesIdentity_ThrowsUnavailable()
    {
        _stub.Answer(new StubAnswer(403, """{"code":"Forbidden","message":"No data-plane role."}"""));

        var ex = await Assert.ThrowsAsync<RealtimeUnavailableException>(() => Negotiator.NegotiateAsync("user-1", [], CancellationToken.None));

        Assert.Contains("403", ex.Message, StringComparison.Ordinal);
        Assert.Single(_stub.Requests);
    }

    [Theory]
    [InlineData("http://signalr.example.test", "https")]
    [InlineData("relative/path", "absolute")]
    public async Task Options_EndpointNotHttpsOrLoopback_RefusedAtStart(string endpoint, string problem)
    {
        await using var services = BuildServices(endpoint, _credential, _clock);

        var ex = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SignalROptions>>().Value);

        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SignalR:ManagedIdentityClientId", typeof(ManagedIdentityCredential))]
    [InlineData("AZURE_CLIENT_ID", typeof(ManagedIdentityCredential))]
    [InlineData("Unrelated", typeof(DefaultAzureCredential))]
    public void Credential_ByConfiguration_UserAssignedIdentityWhenNamed(string key, Type expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SignalR:Endpoint"] = "https://lda.service.signalr.net", [key] = "00000000-0000-0000-0000-000000000001" })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAzureRealtime(configuration);
        using var provider = services.BuildServiceProvider();

        Assert.IsType(expected, provider.GetRequiredKeyedService<TokenCredential>(SignalROptions.CredentialKey));
    }

    private static void AssertPushBody(string body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        Assert.Equal(["target", "arguments"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal("push", root.GetProperty("target").GetString());
        var argument = Assert.Single(root.GetProperty("arguments").EnumerateArray());
        Assert.Equal(["kind", "ids"], argument.EnumerateObject().Select(p => p.Name));
        Assert.Equal("package.arrived", argument.GetProperty("kind").GetString());
        Assert.Equal(
            new Dictionary<string, string> { ["buildingId"] = "b1", ["packageId"] = "p42" },
            argument.GetProperty("ids").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
    }

    private static ServiceProvider BuildServices(string endpoint, TokenCredential credential, TimeProvider clock)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["SignalR:Endpoint"] = endpoint, ["SignalR:Hub"] = "portal" })
            .Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(clock);
        services.AddKeyedSingleton(SignalROptions.CredentialKey, credential);
        services.AddAzureRealtime(configuration);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }
}
