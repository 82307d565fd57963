using LoftsDesArts.Http.Pipeline;
using LoftsDesArts.Http.Staff;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LoftsDesArts.Functions.Staff;

/// <summary>One thin function per route of <see cref="StaffRoutes"/> and <see cref="InvitationRoutes"/>: each is a call into the shared pipeline.</summary>
public sealed class StaffFunctions(ApiPipeline pipeline)
{
    [Function("ListStaff")]
    public Task<IResult> ListStaff([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "buildings/{buildingId}/staff")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, StaffRoutes.List);

    [Function("InviteStaff")]
    public Task<IResult> InviteStaff([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "buildings/{buildingId}/staff/invitations")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, StaffRoutes.Invite);

    [Function("RevokeStaffInvitation")]
    public Task<IResult> RevokeStaffInvitation([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "buildings/{buildingId}/staff/invitations/{invitationId}/revoke")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, StaffRoutes.RevokeInvitation);

    [Function("ChangeStaffRole")]
    public Task<IResult> ChangeStaffRole([HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "buildings/{buildingId}/staff/{userId}/role")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, StaffRoutes.ChangeRole);

    [Function("RemoveStaff")]
    public Task<IResult> RemoveStaff([HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "buildings/{buildingId}/staff/{userId}")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, StaffRoutes.Remove);

    [Function("InspectInvitation")]
    public Task<IResult> InspectInvitation([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "invitations/inspect")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, InvitationRoutes.Inspect);

    [Function("AcceptInvitation")]
    public Task<IResult> AcceptInvitation([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "invitations/accept")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, InvitationRoutes.Accept);

    [Function("ConfirmInvitationTotp")]
    public Task<IResult> ConfirmInvitationTotp([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "invitations/accept/totp")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, InvitationRoutes.ConfirmTotp);
}
