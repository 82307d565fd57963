using LoftsDesArts.Core.Buildings;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Identity;
using LoftsDesArts.Http.Identity;
using LoftsDesArts.Http.Pipeline;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace LoftsDesArts.Http.Setup;

public sealed record FirstAdminRequest(string? Token, string? FullName, string? Email, string? Password, string? Language) : IValidatable
{
    public void Validate(FieldErrors errors)
    {
        errors.Text("token", Token, 256);
        errors.Text("fullName", FullName, 120, 2);
        errors.Email("email", Email);
        if (errors.Text("password", Password, PasswordPolicy.MaxLength) && PasswordPolicy.Check(Password, Email, FullName) is { } weak)
        {
            errors.Add("password", weak);
        }

        errors.OneOf("language", Language, ["fr", "en"], required: false);
    }
}

public sealed record FirstAdminTotpRequest(string? Token, string? Code) : IValidatable
{
    public void Validate(FieldErrors errors)
    {
        errors.Text("token", Token, 256);
        errors.Text("code", Code, 16);
    }
}

public sealed record TotpEnrolmentResponse(string TotpSecret, string OtpauthUri);

/// <summary>The first administrator of a portal started without demo data (issue 2, A8).</summary>
public static class SetupRoutes
{
    private static readonly ThrottleRule SetupBudget = new("setup", 20, TimeSpan.FromMinutes(10));

    public static readonly ApiRoute Begin = ApiRoute
        .Post<FirstAdminRequest>("BeginFirstAdmin", "setup/first-admin", BeginAsync)
        .AllowAnonymous().Throttled(SetupBudget).Returns<TotpEnrolmentResponse>()
        .Describe("With the single-use setup link's token: the administrator's account form; answers a TOTP enrolment.");

    public static readonly ApiRoute Complete = ApiRoute
        .Post<FirstAdminTotpRequest>("CompleteFirstAdmin", "setup/first-admin/totp", CompleteAsync)
        .AllowAnonymous().Throttled(SetupBudget).Returns<SignInResponse>()
        .Describe("Confirms the TOTP enrolment with a code, creates the administrator and signs them in.");

    public static IEnumerable<ApiRoute> All => [Begin, Complete];

    private static async Task<IResult> BeginAsync(ApiCall call, FirstAdminRequest body)
    {
        var enrolment = await call.Service<FirstAdminSetup>().BeginAsync(body.Token!, body.FullName!, body.Email!, body.Password!, Languages.TryParse(body.Language) ?? call.Language, call.Aborted).ConfigureAwait(false);
        return ApiJson.Ok(new TotpEnrolmentResponse(enrolment.Secret, enrolment.OtpauthUri));
    }

    private static async Task<IResult> CompleteAsync(ApiCall call, FirstAdminTotpRequest body)
    {
        var buildingId = call.Service<IOptions<PortalOptions>>().Value.BuildingId;
        var account = await call.Service<FirstAdminSetup>().CompleteAsync(body.Token!, body.Code!, buildingId, call.Aborted).ConfigureAwait(false);
        var session = await call.Service<SessionService>().StartAsync(account, call.UserAgent, call.Aborted).ConfigureAwait(false);
        return await AuthRoutes.SignInResultAsync(call, new SignInResult(SignInStatus.SignedIn, account, session, null)).ConfigureAwait(false);
    }
}
