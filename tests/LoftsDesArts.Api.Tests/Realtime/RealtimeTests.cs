using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LoftsDesArts.Api.Tests.Support;
using LoftsDesArts.Core.Realtime;
using LoftsDesArts.Core.Security;
using LoftsDesArts.Infrastructure.Local.Realtime;
using LoftsDesArts.Infrastructure.Local.Security;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace LoftsDesArts.Api.Tests.Realtime;

/// <summary>
/// Real-time pushes in the self-host, end to end: a real .NET SignalR client negotiates through
/// <c>POST /api/negotiate</c>, follows the redirect to the in-process hub over WebSockets, and receives
/// what the test publishes through <see cref="IRealtimePublisher"/>.
/// </summary>
public sealed class RealtimeTests(RealtimePortalFactory factory) : IClassFixture<RealtimePortalFactory>
{
    /// <summary>A guard against a hung test, not a timing assertion.</summary>
    private static readonly TimeSpan Guard = TimeSpan.FromSeconds(10);

    private IRealtimePublisher Publisher => factory.Services.GetRequiredService<IRealtimePublisher>();

    [Fact]
    public async Task Negotiate_WithoutSession_Unauthorized()
    {
        using var response = await PostNegotiateAsync(caller: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Negotiate_WithoutCsrfHeader_Forbidden()
    {
        using var response = await PostNegotiateAsync(TestHeaderAuthenticator.Staff, csrfHeader: false);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("csrf", await ProblemCodeAsync(response));
    }

    [Fact]
    public async Task Negotiate_UnverifiedEmail_Forbidden()
    {
        using var response = await PostNegotiateAsync(TestHeaderAuthenticator.Unverified);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("email-unverified", await ProblemCodeAsync(response));
    }

    [Fact]
    public async Task Negotiate_StaffCaller_RedirectsToHubWithShortLivedTokenForStaffGroup()
    {
        using var response = await PostNegotiateAsync(TestHeaderAuthenticator.Staff);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["url", "accessToken"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal($"{factory.BaseUrl}/hubs/portal", json.RootElement.GetProperty("url").GetString());

        var tokens = factory.Services.GetRequiredService<RealtimeTokenService>();
        var ticket = await tokens.ValidateAsync(json.RootElement.GetProperty("accessToken").GetString(), CancellationToken.None);
        Assert.NotNull(ticket);
        Assert.Equal(TestHeaderAuthenticator.Staff, ticket.UserId);
        Assert.Equal(["staff.b1"], ticket.Groups);
        Assert.InRange(ticket.ExpiresAt - ticket.IssuedAt, TimeSpan.FromMinutes(1), RealtimeProtocol.MaxTokenLifetime);
    }

    [Fact]
    public async Task Client_NegotiatesThroughApi_ReceivesExactlyTheUserAndGroupPushesMeantForIt()
    {
        await using var client = await ConnectAsync(TestHeaderAuthenticator.Staff);
        await client.WaitUntilInGroupAsync(Publisher, TestHeaderAuthenticator.Staff, RealtimeGroups.BuildingStaff("b1"));
        var toUser = Message("message.received", ("conversationId", "c7"));
        var toStaff = Message("package.arrived", ("buildingId", "b1"), ("packageId", "p42"));

        await Publisher.SendToUserAsync(TestHeaderAuthenticator.Staff, toUser, CancellationToken.None);
        Assert.Equal(Push.Of(toUser), Push.Of(await client.NextAsync()));

        await Publisher.SendToGroupAsync(RealtimeGroups.BuildingStaff("b1"), toStaff, CancellationToken.None);
        Assert.Equal(Push.Of(toStaff), Push.Of(await client.NextAsync()));

        // Pushes for another user, another building's staff and a unit are not delivered: the next
        // thing this client receives is the marker sent to it after them.
        await Publisher.SendToUserAsync(TestHeaderAuthenticator.Resident, toUser, CancellationToken.None);
        await Publisher.SendToGroupAsync(RealtimeGroups.BuildingStaff("b2"), toStaff, CancellationToken.None);
        await Publisher.SendToGroupAsync(RealtimeGroups.Unit("b1", "u305"), toStaff, CancellationToken.None);
        await AssertNextIsMarkerAsync(client, TestHeaderAuthenticator.Staff);
    }

    [Fact]
    public async Task Client_ResidentRemovedFromUnitGroup_StopsReceivingItsPushes()
    {
        await using var client = await ConnectAsync(TestHeaderAuthenticator.Resident);
        var unit = RealtimeGroups.Unit("b1", "u305");
        await client.WaitUntilInGroupAsync(Publisher, TestHeaderAuthenticator.Resident, unit);
        var arrived = Message("package.arrived", ("packageId", "p1"));
        await Publisher.SendToGroupAsync(unit, arrived, CancellationToken.None);
        Assert.Equal(Push.Of(arrived), Push.Of(await client.NextAsync()));

        await Publisher.RemoveUserFromGroupAsync(TestHeaderAuthenticator.Resident, unit, CancellationToken.None);
        await Publisher.SendToGroupAsync(unit, Message("package.arrived", ("packageId", "p2")), CancellationToken.None);

        await AssertNextIsMarkerAsync(client, TestHeaderAuthenticator.Resident);
    }

    [Fact]
    public async Task Client_AddedToGroupWhileConnected_ReceivesItsPushes()
    {
        await using var client = await ConnectAsync(TestHeaderAuthenticator.Resident);
        var otherUnit = RealtimeGroups.Unit("b1", "u306");
        var arrived = Message("package.arrived", ("packageId", "p9"));

        await Publisher.AddUserToGroupAsync(TestHeaderAuthenticator.Resident, otherUnit, CancellationToken.None);
        await Publisher.SendToGroupAsync(otherUnit, arrived, CancellationToken.None);

        Assert.Equal(Push.Of(arrived), Push.Of(await client.NextAsync()));
        await Publisher.RemoveUserFromGroupAsync(TestHeaderAuthenticator.Resident, otherUnit, CancellationToken.None);
    }

    [Fact]
    public async Task CloseUserConnectionsAsync_ClosesTheClientAndRefusesItsEarlierTokenButNotANewOne()
    {
        var token = await NegotiateTokenAsync(TestHeaderAuthenticator.Staff);
        await using var client = await ConnectWithQueryTokenAsync(token);

        await Publisher.CloseUserConnectionsAsync(TestHeaderAuthenticator.Staff, CancellationToken.None);

        await client.Closed.WaitAsync(Guard);
        Assert.Equal(HubConnectionState.Disconnected, client.Connection.State);
        using var again = await PostHubNegotiateAsync(token);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);

        // A client reconnecting at once negotiates anew (the session decides) and gets in.
        await using var reconnected = await ConnectAsync(TestHeaderAuthenticator.Staff);
        await AssertNextIsMarkerAsync(reconnected, TestHeaderAuthenticator.Staff);
    }

    [Fact]
    public async Task Hub_QueryTokenOverWebSockets_AcceptedAndKeptOutOfLogs()
    {
        var token = await NegotiateTokenAsync(TestHeaderAuthenticator.Resident);

        // As a browser does: the token in the query string of the WebSocket request.
        await using var client = await ConnectWithQueryTokenAsync(token);
        var arrived = Message("package.arrived", ("packageId", "p5"));
        await Publisher.SendToUserAsync(TestHeaderAuthenticator.Resident, arrived, CancellationToken.None);
        Assert.Equal(Push.Of(arrived), Push.Of(await client.NextAsync()));

        var logs = factory.Logs.Entries;
        Assert.Contains(logs, log => log.Contains("/hubs/portal")); // Request-level logging was on...
        Assert.DoesNotContain(logs, log => log.Contains(token));      // ...and never wrote the token.
        Assert.DoesNotContain(logs, log => log.Contains(token[^24..]));
    }

    [Fact]
    public async Task Hub_InvalidForgedOrExpiredToken_Refused()
    {
        var valid = await NegotiateTokenAsync(TestHeaderAuthenticator.Staff);
        var keys = factory.Services.GetRequiredService<ISigningKeySource>();
        var expired = await new RealtimeTokenService(keys, new FakeTimeProvider(TimeProvider.System.GetUtcNow().AddMinutes(-6)))
            .IssueAsync(TestHeaderAuthenticator.Staff, ["staff.b1"], CancellationToken.None);
        using var otherKeys = new FileSigningKeySource(Path.Combine(factory.DataFolder, "other-keys"), TimeProvider.System);
        var forged = await new RealtimeTokenService(otherKeys, TimeProvider.System)
            .IssueAsync(TestHeaderAuthenticator.Staff, ["staff.b1"], CancellationToken.None);
        var tampered = valid[..^2] + (valid[^2] == 'A' ? "BB" : "AA");

        foreach (var token in new[] { "not-a-token", expired, forged, tampered })
        {
            using var response = await PostHubNegotiateAsync(token);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            await Assert.ThrowsAnyAsync<Exception>(async () => await ConnectWithQueryTokenAsync(token));
        }

        using var accepted = await PostHubNegotiateAsync(valid);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [Fact]
    public async Task Hub_ClientInvokesAnything_Refused()
    {
        await using var client = await ConnectAsync(TestHeaderAuthenticator.Staff);

        await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync("SendToGroup", "staff.b1", "hello"));
        await Assert.ThrowsAsync<HubException>(() => client.Connection.InvokeAsync("OnConnectedAsync"));
    }

    private static RealtimeMessage Message(string kind, params (string Key, string Value)[] ids) =>
        new(kind, ids.ToDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal));

    private async Task AssertNextIsMarkerAsync(HubPushClient client, string userId)
    {
        var marker = Message("test.marker", ("n", Guid.NewGuid().ToString("N")));
        await Publisher.SendToUserAsync(userId, marker, CancellationToken.None);
        Assert.Equal(Push.Of(marker), Push.Of(await client.NextAsync()));
    }

    private async Task<HttpResponseMessage> PostNegotiateAsync(string? caller, bool csrfHeader = true)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{factory.BaseUrl}/api/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", factory.BaseUrl);
        if (csrfHeader)
        {
            request.Headers.Add("X-Lda-Request", "1");
        }

        if (caller is not null)
        {
            request.Headers.Add(TestHeaderAuthenticator.Header, caller);
        }

        return await client.SendAsync(request);
    }

    private async Task<string> NegotiateTokenAsync(string caller)
    {
        using var response = await PostNegotiateAsync(caller);
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        return body.GetProperty("accessToken").GetString()!;
    }

    /// <summary>The hub's own negotiate, as the SignalR client calls it after the redirect, with a bearer token.</summary>
    private async Task<HttpResponseMessage> PostHubNegotiateAsync(string token)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{factory.BaseUrl}/hubs/portal/negotiate?negotiateVersion=1");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        return await client.SendAsync(request);
    }

    private static async Task<string?> ProblemCodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();

    /// <summary>The web app's way: hub URL <c>/api</c>, the CSRF header, WebSockets after the redirect.</summary>
    private Task<HubPushClient> ConnectAsync(string caller) =>
        HubPushClient.StartAsync(new HubConnectionBuilder()
            .WithUrl($"{factory.BaseUrl}/api", options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.Headers["X-Lda-Request"] = "1";
                options.Headers["Origin"] = factory.BaseUrl;
                options.Headers[TestHeaderAuthenticator.Header] = caller;
            })
            .Build());

    /// <summary>Straight to the hub over WebSockets with <c>?access_token=</c>, as browsers send it.</summary>
    private Task<HubPushClient> ConnectWithQueryTokenAsync(string token) =>
        HubPushClient.StartAsync(new HubConnectionBuilder()
            .WithUrl($"{factory.BaseUrl}/hubs/portal?access_token={Uri.EscapeDataString(token)}", options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
            })
            .Build());

    /// <summary>What a client receives on <c>push</c>.</summary>
    private sealed record Push(string Kind, string Ids)
    {
        public static Push Of(RealtimeMessage message) =>
            new(message.Kind, string.Join(",", message.Ids.OrderBy(i => i.Key, StringComparer.Ordinal).Select(i => $"{i.Key}={i.Value}")));
    }
}
