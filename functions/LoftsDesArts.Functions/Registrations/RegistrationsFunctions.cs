using LoftsDesArts.Http.Registrations;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace LoftsDesArts.Functions.Registrations;

/// <summary>One thin function per route of <see cref="RegistrationRoutes"/>: each is a call into the shared pipeline.</summary>
public sealed class RegistrationsFunctions(ApiPipeline pipeline)
{
    [Function("Register")]
    public Task<IResult> Register([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "registrations")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, RegistrationRoutes.Register);

    [Function("ListRegistrations")]
    public Task<IResult> ListRegistrations([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "buildings/{buildingId}/registrations")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, RegistrationRoutes.List);

    [Function("ApproveRegistration")]
    public Task<IResult> ApproveRegistration([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "buildings/{buildingId}/registrations/{registrationId}/approve")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, RegistrationRoutes.Approve);

    [Function("RejectRegistration")]
    public Task<IResult> RejectRegistration([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "buildings/{buildingId}/registrations/{registrationId}/reject")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, RegistrationRoutes.Reject);

    [Function("IssueRegistrationCode")]
    public Task<IResult> IssueRegistrationCode([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "buildings/{buildingId}/units/{unitId}/registration-codes")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, RegistrationRoutes.IssueCode);

    [Function("ListRegistrationCodes")]
    public Task<IResult> ListRegistrationCodes([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "buildings/{buildingId}/units/{unitId}/registration-codes")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, RegistrationRoutes.ListCodes);

    [Function("RevokeRegistrationCode")]
    public Task<IResult> RevokeRegistrationCode([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "buildings/{buildingId}/units/{unitId}/registration-codes/{codeId}/revoke")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, RegistrationRoutes.RevokeCode);

    [Function("ListResidents")]
    public Task<IResult> ListResidents([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "buildings/{buildingId}/residents")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, RegistrationRoutes.ListResidents);

    [Function("ConfirmOwner")]
    public Task<IResult> ConfirmOwner([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "buildings/{buildingId}/residents/{userId}/owner")] HttpRequest request) =>
        pipeline.InvokeAsync(request.HttpContext, RegistrationRoutes.ConfirmOwner);
}
