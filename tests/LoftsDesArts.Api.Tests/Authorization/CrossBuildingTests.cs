using LoftsDesArts.Core.Events;
using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Registrations;
using LoftsDesArts.Core.Staff;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Api.Tests.Authorization;

/// <summary>
/// A manager of the home building with the real ids of the other building: through the home building's
/// routes the partition is the route's building (the caller's authorized one), so the other building's
/// registration, code, resident and dead letter are simply not there; and the other building's own routes
/// refuse them. The same for the home administrator and the other building's staff and staff invitation.
/// On both hosts, and nothing of the other building changes.
/// </summary>
[Collection(AuthorizationCollection.Name)]
public sealed class CrossBuildingTests(MatrixWorld world)
{
    public static TheoryData<string> Hosts => new() { "self-host", "functions" };

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task HomeManager_OtherBuildingsIdsInHomeRoutes_NotFoundAndNothingChanges(string host)
    {
        var manager = await world.CallerAsync(CallerKind.Manager);
        var resident = world.Callers[CallerKind.ResidentElsewhere];
        var home = world.HomeBuilding;
        var requests = new[]
        {
            ApiRequest.PostJson($"/api/buildings/{home}/registrations/{world.OtherPendingRegistration}/approve", new { confirmOwner = false }),
            ApiRequest.PostJson($"/api/buildings/{home}/registrations/{world.OtherPendingRegistration}/reject", new { reason = "Inconnu." }),
            ApiRequest.Post($"/api/buildings/{home}/units/101/registration-codes/{world.OtherCode}/revoke"),
            ApiRequest.Post($"/api/buildings/{home}/units/701/registration-codes/{world.OtherCode}/revoke"),
            ApiRequest.Get($"/api/buildings/{home}/units/701/registration-codes"),
            ApiRequest.PostJson($"/api/buildings/{home}/units/701/registration-codes", new { }),
            ApiRequest.PostJson($"/api/buildings/{home}/residents/{resident.UserId}/owner", new { unitId = "701", confirmed = true }),
            ApiRequest.Post($"/api/buildings/{home}/dead-letters/{Uri.EscapeDataString(world.OtherDeadLetter)}/retry"),
        };
        await EachNotFoundAndNothingWrittenAsync(host, manager, requests);
        var store = world.Service<IDocumentStore>();
        var registration = await store.ReadAsync<RegistrationDocument>(Containers.Buildings, MatrixWorld.OtherBuilding, RegistrationDocument.IdFor(world.OtherPendingRegistration), default);
        Assert.Equal(RegistrationStatus.Pending, registration!.Value.Status);
        Assert.NotNull(await store.ReadAsync<DeadLetterDocument>(Containers.Leases, world.OtherDeadLetter, world.OtherDeadLetter, default));
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task HomeAdmin_OtherBuildingsStaffIdsInHomeRoutes_NotFoundAndNothingChanges(string host)
    {
        var admin = await world.CallerAsync(CallerKind.Admin);
        var home = world.HomeBuilding;
        var otherManager = world.Callers[CallerKind.ManagerElsewhere].UserId;
        var requests = new[]
        {
            ApiRequest.Post($"/api/buildings/{home}/staff/invitations/{world.OtherInvitation}/revoke"),
            ApiRequest.PutJson($"/api/buildings/{home}/staff/{otherManager}/role", new { role = "frontDesk" }),
            ApiRequest.PutJson($"/api/buildings/{home}/staff/{world.OtherAdmin}/role", new { role = "admin" }),
            ApiRequest.Delete($"/api/buildings/{home}/staff/{otherManager}"),
            ApiRequest.Delete($"/api/buildings/{home}/staff/{world.OtherAdmin}"),
        };
        await EachNotFoundAndNothingWrittenAsync(host, admin, requests);
        var store = world.Service<IDocumentStore>();
        var invitation = await store.ReadAsync<StaffInvitationDocument>(Containers.Buildings, MatrixWorld.OtherBuilding, StaffInvitationDocument.IdFor(world.OtherInvitation), default);
        Assert.Equal(InvitationStatus.Pending, invitation!.Value.StatusAt(TimeProvider.System.GetUtcNow()));
        var memberships = await store.ReadAsync<UserMemberships>(Containers.Users, otherManager!, UserMemberships.DocumentId, default);
        Assert.Equal([new Membership(MatrixWorld.OtherBuilding, null, Role.Manager)], memberships!.Value.Items);
    }

    [Theory]
    [MemberData(nameof(Hosts))]
    public async Task HomeStaff_OtherBuildingsRoutes_Forbidden(string host)
    {
        var other = MatrixWorld.OtherBuilding;
        var requests = new[]
        {
            ApiRequest.Get($"/api/buildings/{other}/registrations"),
            ApiRequest.PostJson($"/api/buildings/{other}/registrations/{world.OtherPendingRegistration}/approve", new { confirmOwner = false }),
            ApiRequest.Get($"/api/buildings/{other}/residents"),
            ApiRequest.Get($"/api/buildings/{other}/units"),
            ApiRequest.Get($"/api/buildings/{other}/units/701/registration-codes"),
            ApiRequest.Post($"/api/buildings/{other}/units/701/registration-codes/{world.OtherCode}/revoke"),
            ApiRequest.Get($"/api/buildings/{other}/dead-letters"),
            ApiRequest.Post($"/api/buildings/{other}/dead-letters/{Uri.EscapeDataString(world.OtherDeadLetter)}/retry"),
            ApiRequest.Get($"/api/buildings/{other}/staff"),
            ApiRequest.PostJson($"/api/buildings/{other}/staff/invitations", new { email = "intrus@example.test", fullName = "Intrus Côté", role = "admin" }),
            ApiRequest.Post($"/api/buildings/{other}/staff/invitations/{world.OtherInvitation}/revoke"),
            ApiRequest.PutJson($"/api/buildings/{other}/staff/{world.OtherAdmin}/role", new { role = "board" }),
            ApiRequest.Delete($"/api/buildings/{other}/staff/{world.OtherAdmin}"),
        };

        foreach (var kind in new[] { CallerKind.Admin, CallerKind.Manager, CallerKind.FrontDesk, CallerKind.ResidentA })
        {
            var caller = await world.CallerAsync(kind);
            foreach (var request in requests)
            {
                var response = await world.Host(host).SendAsync(request with { Cookie = caller.Cookie, ClientAddress = caller.Address });

                Assert.True(response.Status == 403, $"{request} as {kind}: {response}");
            }
        }
    }

    /// <summary>Each request answers 404 with a problem naming no foreign building, and the store is unchanged after all of them.</summary>
    private async Task EachNotFoundAndNothingWrittenAsync(string host, Caller caller, IEnumerable<ApiRequest> requests)
    {
        await world.SettleAsync();
        var before = await StoreSnapshot.TakeAsync(world.Factory.DataFolder);

        foreach (var request in requests)
        {
            var response = await world.Host(host).SendAsync(request with { Cookie = caller.Cookie, ClientAddress = caller.Address });

            Assert.True(response.Status == 404, $"{request}: {response}");
            Assert.Contains("\"code\":", response.Body, StringComparison.Ordinal);
            Assert.DoesNotContain(MatrixWorld.OtherBuilding, response.Body, StringComparison.Ordinal);
        }

        await world.SettleAsync();
        Assert.Empty((await StoreSnapshot.TakeAsync(world.Factory.DataFolder)).ChangesSince(before));
    }
}
