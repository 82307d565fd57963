using System.Text.Json;
using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Realtime;
using LoftsDesArts.Core.Registrations;
using LoftsDesArts.Core.Storage;
using LoftsDesArts.Core.Throttling;
using LoftsDesArts.Http.Identity;
using LoftsDesArts.Http.Pipeline;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace LoftsDesArts.Api.Tests.Authorization;

/// <summary>
/// Memberships and sessions are checked against the store with a cache of at most 5 s (DESIGN §3.7,
/// issue 2 B5), so a change made on one instance applies everywhere within 5 s.
/// <para>
/// How: the instance that makes the change is the self-host (over HTTP). The other instance is what an
/// Azure Functions instance is — its own <see cref="PrincipalCache"/> and <see cref="SessionAuthenticator"/>
/// over the same store, in its own pipeline — built here from the real classes and driven through the
/// Functions app's classes, with a <see cref="FakeTimeProvider"/> as its clock. Its cache is filled by a
/// first request, the change is made on the self-host, and the second instance's clock is moved: still the
/// old answer at 4 s (so it really is a separate cache that could be stale), the new one at 5 s. No sleeping,
/// and nothing in the product is replaced: the cache bound itself is what the fake clock measures.
/// </para>
/// </summary>
[Collection(AuthorizationCollection.Name)]
public sealed class MembershipCacheTests(MatrixWorld world)
{
    [Fact]
    public async Task ApproveRegistration_OnOneInstance_ResidentsAccessAppearsOnAnotherWithin5Seconds()
    {
        const string address = "203.0.113.150";
        var (registrationId, userId) = await world.PendingRegistrationAsync(world.HomeBuilding);
        var registration = await world.Service<IDocumentStore>().ReadAsync<RegistrationDocument>(Containers.Buildings, world.HomeBuilding, RegistrationDocument.IdFor(registrationId), default);
        var cookie = await world.VerifyAndSignInAsync(userId, address);
        var (other, clock) = SecondInstance();
        var negotiate = ApiRequest.Post("/api/negotiate") with { Cookie = cookie, ClientAddress = address };
        Assert.Empty(await GroupsAsync(other, negotiate));

        var manager = await world.CallerAsync(CallerKind.Manager);
        var approved = await world.SelfHost.SendAsync(ApiRequest.PostJson($"/api/buildings/{world.HomeBuilding}/registrations/{registrationId}/approve", new { confirmOwner = false }) with { Cookie = manager.Cookie, ClientAddress = manager.Address });
        Assert.True(approved.Status == 200, approved.ToString());

        string[] unitGroup = [RealtimeGroups.Unit(world.HomeBuilding, registration!.Value.UnitId)];
        Assert.Equal(unitGroup, await GroupsAsync(world.SelfHost, negotiate));
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Empty(await GroupsAsync(other, negotiate));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(unitGroup, await GroupsAsync(other, negotiate));
    }

    [Fact]
    public async Task StaffMembershipRemoved_OnOneInstance_RefusedOnAnotherWithin5Seconds()
    {
        var manager = await world.NewStaffAsync(Role.Manager, "203.0.113.151");
        var (other, clock) = SecondInstance();
        var units = ApiRequest.Get($"/api/buildings/{world.HomeBuilding}/units") with { Cookie = manager.Cookie, ClientAddress = manager.Address };
        Assert.Equal(200, (await other.SendAsync(units)).Status);

        // What a role change does (there is no route for it yet): the memberships document changes, and the
        // instance that made the change forgets its own copy.
        await Memberships.ChangeAsync(world.Service<IDocumentStore>(), manager.UserId!, m => m with { Items = [] }, default);
        world.Service<PrincipalCache>().Forget(manager.UserId!);

        Assert.Equal(403, (await world.SelfHost.SendAsync(units)).Status);
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(200, (await other.SendAsync(units)).Status);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(403, (await other.SendAsync(units)).Status);
    }

    [Fact]
    public async Task EndSession_OnOneInstance_SessionStopsWorkingOnAnotherWithin5Seconds()
    {
        var resident = await world.CallerAsync(CallerKind.ResidentB);
        var (cookie, sessionId) = await world.StartSessionAsync(resident);
        var (other, clock) = SecondInstance();
        var me = ApiRequest.Get("/api/me") with { Cookie = cookie, ClientAddress = resident.Address };
        Assert.Equal(200, (await other.SendAsync(me)).Status);

        var ended = await world.SelfHost.SendAsync(ApiRequest.Delete($"/api/auth/sessions/{sessionId}") with { Cookie = resident.Cookie, ClientAddress = resident.Address });
        Assert.True(ended.Status == 204, ended.ToString());

        Assert.Equal(401, (await world.SelfHost.SendAsync(me)).Status);
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(200, (await other.SendAsync(me)).Status);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(401, (await other.SendAsync(me)).Status);
    }

    /// <summary>Another instance of the API over the same store: its own principal cache and authenticator, on its own clock.</summary>
    private (FunctionsApi Api, FakeTimeProvider Clock) SecondInstance()
    {
        var clock = new FakeTimeProvider(TimeProvider.System.GetUtcNow());
        var cache = new PrincipalCache(world.Service<IDocumentStore>(), clock);
        var authenticator = new SessionAuthenticator(world.Service<SessionTokens>(), cache, clock);
        var pipeline = new ApiPipeline(authenticator, world.Service<RequestBudget>(), world.Service<IOptions<ApiSecurityOptions>>(), world.Service<ILogger<ApiPipeline>>());
        return (new FunctionsApi(world.Services, pipeline), clock);
    }

    /// <summary>The push groups negotiate puts in the caller's token: what the authenticated principal's memberships grant.</summary>
    private static async Task<IReadOnlyList<string>> GroupsAsync(IApiHost host, ApiRequest negotiate)
    {
        var response = await host.SendAsync(negotiate);
        Assert.True(response.Status == 200, response.ToString());
        var claims = JsonDocument.Parse(MatrixRequests.DecodedTokens(response.Body)).RootElement;
        return [.. claims.GetProperty("grp").EnumerateArray().Select(g => g.GetString()!)];
    }
}
