using System.Text.Json;
using LoftsDesArts.Core.Audit;
using LoftsDesArts.Core.Packages;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Api.Tests.Authorization;

/// <summary>
/// The append-only audit log (DESIGN §3.10, issue 2 B5): each staff read of personal data and each staff
/// action on people writes exactly one entry naming the actor, the action and the target — on both hosts —
/// residents' reads of their own data and refused requests write none, and entries are never replaced.
/// <para>
/// Review (not a test): the only code that writes to <see cref="Containers.Audit"/> is
/// <see cref="AuditLog.WriteAsync"/>, and it calls <see cref="IDocumentStore.CreateAsync{T}"/>, which refuses
/// an existing id; nothing upserts, replaces, patches or deletes in that container, and entries carry no
/// TTL (the Cosmos adapter refuses one there, SQLite's purge only removes rows with an expiry).
/// </para>
/// </summary>
[Collection(AuthorizationCollection.Name)]
public sealed class AuditTrailTests(MatrixWorld world)
{
    public static TheoryData<string, string> StaffActions()
    {
        var data = new TheoryData<string, string>();
        foreach (var host in new[] { "self-host", "functions" })
        {
            foreach (var action in new[]
            {
                "residents.read", "registrations.read", "registration.approved", "registration.rejected", "resident.owner-confirmed", "registration-code.issued", "registration-code.revoked", "units.imported",
                "staff.read", "staff.invited", "staff.invitation-revoked", "staff.role-changed", "staff.removed",
                "package.logged", "package.edited", "package.assigned", "package.released", "package.release-undone", "package.returned", "package.missing", "package.damaged", "pickup.looked-up", "package-settings.changed",
                "package.photo-added", "package.photo-viewed", "package-preferences.read",
            })
            {
                data.Add(action, host);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(StaffActions))]
    public async Task StaffAction_OnPeopleOrTheirData_WritesOneEntryWithActorActionAndTarget(string action, string host)
    {
        var home = world.HomeBuilding;
        var staff = await world.CallerAsync(action switch
        {
            "residents.read" => CallerKind.FrontDesk,
            _ when action.StartsWith("package.", StringComparison.Ordinal) || action.StartsWith("pickup.", StringComparison.Ordinal) || action == "package-preferences.read" => CallerKind.FrontDesk,
            _ when action.StartsWith("staff.", StringComparison.Ordinal) => CallerKind.Admin,
            _ => CallerKind.Manager,
        });
        var (request, targetType, targetId) = action switch
        {
            "residents.read" => (ApiRequest.Get($"/api/buildings/{home}/residents"), "residents", (string?)null),
            "registrations.read" => (ApiRequest.Get($"/api/buildings/{home}/registrations") with { Query = "?status=pending" }, "registrations", "pending"),
            "registration.approved" => await DecisionAsync("approve", new { confirmOwner = false }),
            "registration.rejected" => await DecisionAsync("reject", new { reason = "Personne inconnue." }),
            "resident.owner-confirmed" => await OwnerAsync(),
            "registration-code.issued" => (ApiRequest.PostJson($"/api/buildings/{home}/units/102/registration-codes", new { maxUses = 1 }), "unit", "102"),
            "registration-code.revoked" => (ApiRequest.Post($"/api/buildings/{home}/units/101/registration-codes/{await world.CodeAsync(home, "101")}/revoke"), "unit", "101"),
            "staff.read" => (ApiRequest.Get($"/api/buildings/{home}/staff"), "staff", home),
            "staff.invited" => (ApiRequest.PostJson($"/api/buildings/{home}/staff/invitations", new { email = world.NewEmail("audit"), fullName = "Invitée Audit", role = "manager" }), "staff-invitation", null),
            "staff.invitation-revoked" => await RevokeInvitationAsync(),
            "staff.role-changed" => await StaffMemberAsync(userId => ApiRequest.PutJson($"/api/buildings/{home}/staff/{userId}/role", new { role = "manager" })),
            "staff.removed" => await StaffMemberAsync(userId => ApiRequest.Delete($"/api/buildings/{home}/staff/{userId}")),
            "units.imported" => (ApiRequest.PostJson($"/api/buildings/{home}/units/import", new { csv = $"number,floor,type\n8{world.Next():D3},8,residential" }), "units", null),
            "package.logged" => LogPackage(staff),
            "package.edited" => await PackageActionAsync(async id => ApiRequest.PutJson($"/api/buildings/{home}/packages/{id}", new { version = (await world.Service<PackageDesk>().RequireAsync(home, id, default)).Value.DeskVersion(), carrier = "ups", size = "large", flags = Array.Empty<string>() })),
            "package.assigned" => await PackageActionAsync(id => Task.FromResult(ApiRequest.PostJson($"/api/buildings/{home}/packages/{id}/recipient", new { unitId = "102" })), unitId: null),
            "package.released" => await PackageActionAsync(id => Task.FromResult(ApiRequest.PostJson($"/api/buildings/{home}/packages/release", new { unitId = "101", packageIds = new[] { id }, releasedTo = new { kind = "resident", userId = world.Callers[CallerKind.ResidentA].UserId, name = "Zoé" }, identityCheck = "photo-id" })), targetType: "release"),
            "package.release-undone" => await PackageActionAsync(id => Task.FromResult(ApiRequest.PostJson($"/api/buildings/{home}/packages/{id}/undo-release", new { reason = "Remis par erreur." })), released: true),
            "package.returned" or "package.missing" or "package.damaged" => await PackageActionAsync(id => Task.FromResult(ApiRequest.PostJson($"/api/buildings/{home}/packages/{id}/exception", new { kind = action["package.".Length..], note = "Constaté à la réception." }))),
            "pickup.looked-up" => (ApiRequest.PostJson($"/api/buildings/{home}/pickup/lookup", new { code = await world.PickupCodeAsync(world.Callers[CallerKind.ResidentA]) }), "unit", "101"),
            "package-settings.changed" => await SettingsChangeAsync(),
            "package.photo-added" => await PackageActionAsync(id => Task.FromResult(new ApiRequest(Microsoft.AspNetCore.Http.HttpMethods.Put, $"/api/buildings/{home}/packages/{id}/photo") { ContentType = "image/png", Body = MatrixWorld.PhotoBytes() })),
            "package.photo-viewed" => (ApiRequest.Get($"/api/buildings/{home}/packages/{world.HomePackage}/photo"), "package", world.HomePackage),
            "package-preferences.read" => (ApiRequest.Get($"/api/buildings/{home}/units/101/package-preferences"), "unit", "101"),
            _ => throw new ArgumentOutOfRangeException(nameof(action)),
        };
        var before = await EntriesAsync();

        var response = await world.Host(host).SendAsync(request with { Cookie = staff.Cookie, ClientAddress = staff.Address });

        Assert.True(response.Status is >= 200 and < 300, response.ToString());
        var entry = Assert.Single(await NewEntriesAsync(before));
        Assert.Equal((staff.UserId, action, targetType), (entry.ActorUserId, entry.Action, entry.TargetType));
        if (targetId is not null)
        {
            Assert.Equal(targetId, entry.TargetId);
        }
        else if (action == "units.imported")
        {
            Assert.StartsWith("import:", entry.TargetId, StringComparison.Ordinal);
        }

        Assert.Equal(home, entry.BuildingId);

        // Short facts only: no copy of the personal data that was read.
        var stored = JsonSerializer.Serialize(entry, StoreJson.Options);
        Assert.DoesNotContain("@", stored, StringComparison.Ordinal);
        if (action == "registration-code.issued")
        {
            Assert.Equal(response.Json().GetProperty("id").GetString(), entry.Detail!["codeId"]);
        }
        else if (action == "staff.invited")
        {
            Assert.Equal(response.Json().GetProperty("id").GetString(), entry.TargetId);
            Assert.Equal("manager", entry.Detail!["role"]);
        }
        else if (action == "staff.role-changed")
        {
            Assert.Equal(("frontDesk", "manager"), (entry.Detail!["from"], entry.Detail["to"]));
        }
        else if (action is "package.logged")
        {
            Assert.Equal("101", entry.Detail!["unitId"]);
        }
        else if (action is "package.assigned")
        {
            Assert.Equal("102", entry.Detail!["unitId"]);
        }
        else if (action == "package.released")
        {
            Assert.Equal(response.Json().GetProperty("releaseId").GetString(), entry.TargetId);
            Assert.Equal(("101", "1", "photo-id"), (entry.Detail!["unit"], entry.Detail["count"], entry.Detail["identityCheck"]));
        }
        else if (action == "package.release-undone")
        {
            Assert.StartsWith("r-", entry.Detail!["release"], StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("self-host")]
    [InlineData("functions")]
    public async Task OwnReadsAndRefusedRequests_WriteNoEntry(string host)
    {
        var home = world.HomeBuilding;
        var resident = await world.CallerAsync(CallerKind.ResidentA);
        var board = await world.CallerAsync(CallerKind.Board);
        var desk = await world.CallerAsync(CallerKind.FrontDesk);
        var elsewhere = await world.CallerAsync(CallerKind.ManagerElsewhere);
        var manager = await world.CallerAsync(CallerKind.Manager);
        var admin = await world.CallerAsync(CallerKind.Admin);
        var calls = new (Caller Caller, ApiRequest Request, int Status)[]
        {
            (resident, ApiRequest.Get("/api/me"), 200),
            (resident, ApiRequest.Get("/api/auth/sessions"), 200),
            (resident, ApiRequest.Post("/api/negotiate"), 200),
            (resident, ApiRequest.Get($"/api/buildings/{home}/residents"), 403),
            (board, ApiRequest.Get($"/api/buildings/{home}/residents"), 403),
            (desk, ApiRequest.Get($"/api/buildings/{home}/registrations"), 403),
            (desk, ApiRequest.PostJson($"/api/buildings/{home}/registrations/{world.PendingForApproval}/approve", new { confirmOwner = false }), 403),
            (elsewhere, ApiRequest.Get($"/api/buildings/{home}/residents"), 403),
            (manager, ApiRequest.PostJson($"/api/buildings/{home}/registrations/r_inexistante/approve", new { confirmOwner = false }), 404),
            (manager, ApiRequest.Get($"/api/buildings/{home}/staff"), 403),
            (board, ApiRequest.Get($"/api/buildings/{home}/staff"), 403),
            (desk, ApiRequest.PutJson($"/api/buildings/{home}/staff/{world.StaffToChange}/role", new { role = "admin" }), 403),
            (elsewhere, ApiRequest.Get($"/api/buildings/{home}/staff"), 403),
            (admin, ApiRequest.PutJson($"/api/buildings/{home}/staff/{admin.UserId}/role", new { role = "manager" }), 403),
            (admin, ApiRequest.Delete($"/api/buildings/{home}/staff/{world.Callers[CallerKind.ResidentA].UserId}"), 404),
            (admin, ApiRequest.Post($"/api/buildings/{home}/staff/invitations/inv_inexistante/revoke"), 404),

            // Packages: a resident's reads of their own unit (preferences and photos too), the desk's reads of its list, refusals and look-ups that find nothing.
            (resident, ApiRequest.Get($"/api/buildings/{home}/units/101/packages"), 200),
            (resident, ApiRequest.Get($"/api/buildings/{home}/units/101/pickup-code"), 200),
            (resident, ApiRequest.Get($"/api/buildings/{home}/package-settings"), 200),
            (resident, ApiRequest.Get($"/api/buildings/{home}/units/101/package-preferences"), 200),
            (resident, ApiRequest.Get($"/api/buildings/{home}/units/101/packages/{world.HomePackage}/photo"), 200),
            (desk, ApiRequest.Get($"/api/buildings/{home}/packages"), 200),
            (resident, ApiRequest.Get($"/api/buildings/{home}/packages"), 403),
            (resident, ApiRequest.PostJson($"/api/buildings/{home}/pickup/lookup", new { unitId = "101" }), 403),
            (board, ApiRequest.PostJson($"/api/buildings/{home}/pickup/lookup", new { unitId = "101" }), 403),
            (elsewhere, ApiRequest.PostJson($"/api/buildings/{home}/pickup/lookup", new { unitId = "101" }), 403),
            (desk, ApiRequest.PostJson($"/api/buildings/{home}/pickup/lookup", new { code = "2222-2222" }), 404),
            (desk, ApiRequest.PutJson($"/api/buildings/{home}/package-settings", new { deskHours = new { fr = "7 h", en = "7 a.m." }, pickupLocation = new { fr = "Hall", en = "Lobby" }, reminderDays = new[] { 3 }, finalNoticeDay = 12, returnDay = 14, overdueAfterDays = 7, sendingHours = new { from = "08:00", to = "21:00" }, photoRetentionDays = 30 }), 403),
            (board, ApiRequest.PostJson($"/api/buildings/{home}/packages/{world.HomePackage}/exception", new { kind = "missing", note = "Introuvable." }), 403),
            (elsewhere, ApiRequest.PostJson($"/api/buildings/{home}/packages/release", new { unitId = "101", packageIds = new[] { world.HomePackage }, releasedTo = new { kind = "authorized", name = "Jean Roy" }, identityCheck = "photo-id" }), 403),
            (desk, ApiRequest.PostJson($"/api/buildings/{home}/packages/p-inexistant/undo-release", new { reason = "Erreur." }), 404),
        };
        var before = await EntriesAsync();

        foreach (var (caller, request, status) in calls)
        {
            var response = await world.Host(host).SendAsync(request with { Cookie = caller.Cookie, ClientAddress = caller.Address });
            Assert.True(response.Status == status, $"{request} as {caller}: {response}");
        }

        Assert.Empty(await NewEntriesAsync(before));
    }

    [Fact]
    public async Task AuditEntries_LaterActions_NeverReplaceOrRemoveEarlierOnes()
    {
        var manager = await world.CallerAsync(CallerKind.Manager);
        var residents = ApiRequest.Get($"/api/buildings/{world.HomeBuilding}/residents") with { Cookie = manager.Cookie, ClientAddress = manager.Address };
        Assert.Equal(200, (await world.SelfHost.SendAsync(residents)).Status);
        var existing = (await ReadAsync()).First();
        var before = await EntriesAsync();

        Assert.Equal(200, (await world.SelfHost.SendAsync(residents)).Status);
        Assert.Equal(200, (await world.Functions.SendAsync(residents)).Status);
        var after = await EntriesAsync();

        Assert.All(before, b => Assert.Equal(b.Value, after[b.Key]));
        Assert.Equal(before.Count + 2, after.Count);

        // The only write the audit log makes is a create, which refuses an id that exists.
        var forged = existing.Value with { ActorUserId = "u_someone_else" };
        var refused = await Assert.ThrowsAsync<StoreException>(() => world.Service<IDocumentStore>().CreateAsync(Containers.Audit, forged.Partition, forged.Id, forged, default));
        Assert.Equal(StoreFailure.Conflict, refused.Failure);
    }

    private (ApiRequest, string, string?) LogPackage(Caller desk)
    {
        var clientRequestId = Guid.NewGuid().ToString();
        var request = ApiRequest.PostJson($"/api/buildings/{world.HomeBuilding}/packages", new { clientRequestId, unitId = "101", trackingNumber = world.NewTrackingNumber(), size = "envelope" });
        return (request, "package", PackageDesk.PackageIdFor(desk.UserId!, clientRequestId));
    }

    /// <summary>A fresh package of unit 101 (or of unknown recipient; or just released) and the desk request that acts on it.</summary>
    private async Task<(ApiRequest, string, string?)> PackageActionAsync(Func<string, Task<ApiRequest>> request, string? unitId = "101", bool released = false, string targetType = "package")
    {
        var packageId = released ? await world.ReleasedPackageAsync() : await world.PackageAsync(world.HomeBuilding, unitId);
        return (await request(packageId), targetType, targetType == "package" ? packageId : null);
    }

    private async Task<(ApiRequest, string, string?)> SettingsChangeAsync()
    {
        var current = await world.Service<PackageSettingsService>().ReadAsync(world.HomeBuilding, default);
        var s = current.Settings;
        var request = ApiRequest.PutJson($"/api/buildings/{world.HomeBuilding}/package-settings", new
        {
            version = current.Version,
            deskHours = new { fr = s.DeskHours.Fr, en = s.DeskHours.En },
            pickupLocation = new { fr = $"Réception, hall d'entrée ({world.Next()})", en = "Front desk, lobby" },
            reminderDays = s.ReminderDays,
            finalNoticeDay = s.FinalNoticeDay,
            returnDay = s.ReturnDay,
            overdueAfterDays = s.OverdueAfterDays,
            sendingHours = new { from = "08:00", to = "21:00" },
            photoRetentionDays = s.PhotoRetentionDays,
        });
        return (request, "building", world.HomeBuilding);
    }

    private async Task<(ApiRequest, string, string?)> DecisionAsync(string decision, object body)
    {
        var (registrationId, _) = await world.PendingRegistrationAsync(world.HomeBuilding);
        return (ApiRequest.PostJson($"/api/buildings/{world.HomeBuilding}/registrations/{registrationId}/{decision}", body), "registration", registrationId);
    }

    private async Task<(ApiRequest, string, string?)> RevokeInvitationAsync()
    {
        var invitationId = await world.InvitationAsync(world.HomeBuilding);
        return (ApiRequest.Post($"/api/buildings/{world.HomeBuilding}/staff/invitations/{invitationId}/revoke"), "staff-invitation", invitationId);
    }

    /// <summary>A fresh front-desk member of the home building and the request that acts on them.</summary>
    private async Task<(ApiRequest, string, string?)> StaffMemberAsync(Func<string, ApiRequest> request)
    {
        var userId = await world.StaffMemberAsync(world.HomeBuilding, Core.Access.Role.FrontDesk);
        return (request(userId), "user", userId);
    }

    private async Task<(ApiRequest, string, string?)> OwnerAsync()
    {
        var (userId, unitId) = await world.AdmittedOwnerAsync();
        return (ApiRequest.PostJson($"/api/buildings/{world.HomeBuilding}/residents/{userId}/owner", new { unitId, confirmed = true }), "user", userId);
    }

    /// <summary>The home building's audit entries of this month (and the last, should the month turn), id → etag.</summary>
    private async Task<Dictionary<string, string>> EntriesAsync() =>
        (await ReadAsync()).ToDictionary(e => e.Value.Id, e => e.ETag, StringComparer.Ordinal);

    private async Task<IReadOnlyList<AuditEntry>> NewEntriesAsync(Dictionary<string, string> before) =>
        [.. (await ReadAsync()).Where(e => !before.ContainsKey(e.Value.Id)).Select(e => e.Value)];

    private async Task<List<Stored<AuditEntry>>> ReadAsync()
    {
        var audit = world.Service<AuditLog>();
        var now = TimeProvider.System.GetUtcNow();
        var entries = new List<Stored<AuditEntry>>();
        foreach (var month in new[] { now.AddMonths(-1), now })
        {
            string? continuation = null;
            do
            {
                var page = await audit.ReadMonthAsync(world.HomeBuilding, month.Year, month.Month, 100, continuation, default);
                entries.AddRange(page.Items);
                continuation = page.Continuation;
            }
            while (continuation is not null);
        }

        return entries;
    }
}
