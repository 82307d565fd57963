using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Core.Staff;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;

namespace LoftsDesArts.Http.Staff;

/// <summary>The building's staff: list, invite, change a role, remove (capability <see cref="Capability.ManageStaff"/>).</summary>
public static class StaffRoutes
{
    public static readonly ApiRoute List = ApiRoute
        .Get("ListStaff", "buildings/{buildingId}/staff", ListAsync)
        .RequireCapability(Capability.ManageStaff).Returns<StaffListResponse>()
        .Describe("The building's staff members and its open invitations (read is audit-logged).");

    public static readonly ApiRoute Invite = ApiRoute
        .Post<InviteStaffRequest>("InviteStaff", "buildings/{buildingId}/staff/invitations", InviteAsync)
        .RequireCapability(Capability.ManageStaff).Returns<StaffInvitationResponse>(StatusCodes.Status201Created)
        .Describe("Invites a person by email with a staff role; a single-use link valid 7 days is emailed.");

    public static readonly ApiRoute RevokeInvitation = ApiRoute
        .Post("RevokeStaffInvitation", "buildings/{buildingId}/staff/invitations/{invitationId}/revoke", RevokeInvitationAsync)
        .RequireCapability(Capability.ManageStaff)
        .Describe("Cancels a pending invitation: its link stops working.");

    public static readonly ApiRoute ChangeRole = ApiRoute
        .Put<ChangeStaffRoleRequest>("ChangeStaffRole", "buildings/{buildingId}/staff/{userId}/role", ChangeRoleAsync)
        .RequireCapability(Capability.ManageStaff).Returns<StaffMemberResponse>()
        .Describe("Changes a staff member's role (not one's own; the last administrator stays); applies within 5 s.");

    public static readonly ApiRoute Remove = ApiRoute
        .Delete("RemoveStaff", "buildings/{buildingId}/staff/{userId}", RemoveAsync)
        .RequireCapability(Capability.ManageStaff)
        .Describe("Removes a staff member from the building; their live connections close and, with no membership left, their sessions end.");

    public static IEnumerable<ApiRoute> All => [List, Invite, RevokeInvitation, ChangeRole, Remove];

    private static async Task<IResult> ListAsync(ApiCall call)
    {
        var roster = await call.Service<StaffService>().ListAsync(call.BuildingId, call.Caller.UserId, call.Aborted).ConfigureAwait(false);
        var now = call.Clock.GetUtcNow();
        return ApiJson.Ok(new StaffListResponse(
            [.. roster.Members.Select(ToResponse)],
            [.. roster.Invitations.Select(i => ToResponse(i, now))]));
    }

    private static async Task<IResult> InviteAsync(ApiCall call, InviteStaffRequest body)
    {
        var invitation = new NewStaffInvitation(body.Email!, body.FullName!, StaffRoleNames.Parse(body.Role!), Languages.TryParse(body.Language) ?? call.Language);
        var created = await call.Service<StaffService>().InviteAsync(call.BuildingId, invitation, call.Caller.UserId, call.Aborted).ConfigureAwait(false);
        return ApiJson.Created(ToResponse(created, call.Clock.GetUtcNow()));
    }

    private static async Task<IResult> RevokeInvitationAsync(ApiCall call)
    {
        await call.Service<StaffService>().RevokeInvitationAsync(call.BuildingId, call.RouteValue("invitationId"), call.Caller.UserId, call.Aborted).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> ChangeRoleAsync(ApiCall call, ChangeStaffRoleRequest body)
    {
        var member = await call.Service<StaffService>().ChangeRoleAsync(call.BuildingId, call.RouteValue("userId"), StaffRoleNames.Parse(body.Role!), call.Caller.UserId, call.Aborted).ConfigureAwait(false);
        return ApiJson.Ok(ToResponse(member));
    }

    private static async Task<IResult> RemoveAsync(ApiCall call)
    {
        await call.Service<StaffService>().RemoveAsync(call.BuildingId, call.RouteValue("userId"), call.Caller.UserId, call.Aborted).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static StaffMemberResponse ToResponse(StaffMemberDocument m) => new(m.UserId, m.FullName, m.Email, m.Role, m.Since);

    private static StaffInvitationResponse ToResponse(StaffInvitationDocument i, DateTimeOffset now) =>
        new(i.InvitationId, i.FullName, i.Email, i.Role, i.Language == Language.En ? "en" : "fr", i.InvitedAt, i.ExpiresAt, i.StatusAt(now));
}
