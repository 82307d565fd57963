namespace LoftsDesArts.Api.Tests.Authorization;

/// <summary>
/// The expected status of every route for every kind of caller, written by hand from the product rules
/// (issue 2, seed-requirements §1.3) — not computed from <c>AccessPolicy</c>, so a change to the policy or
/// to a route's declared access shows up here as a failing cell. Requests use valid bodies, so a refusal
/// is the authorization's (or the use case's) answer, not validation's.
/// <list type="bullet">
/// <item>Anon: no session. Unver: registered in the home building, address never verified — sign-in
/// refuses them a session (403 email-unverified), so they call as anonymous except where a body names
/// their account.</item>
/// <item>ResA / ResB: residents of units 101 and 102 of the home building; ResX: a resident of another
/// building. Desk, Mgr, Admin, Board: staff of the home building; MgrX: a manager of another building.</item>
/// <item>Building routes name the home building. Targets are real: another user's session for EndSession,
/// a waiting registration, an issued code, an owner not yet confirmed, a dead letter of the building, a
/// pending staff invitation, staff members who are none of the callers.</item>
/// </list>
/// </summary>
public static class AuthorizationMatrix
{
    public static readonly IReadOnlyDictionary<string, int[]> Expected = Table(
        //                                   Anon Unver ResA ResB ResX Desk  Mgr Admin Board MgrX
        R("GetHealth",                        200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        R("GetReadiness",                     200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        R("ListPublicBuildings",              200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        R("GetPublicBuilding",                200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        R("GetLegalDocument",                 200, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        R("GetAuthOptions",                   200, 200, 200, 200, 200, 200, 200, 200, 200, 200),

        // Each caller signs in with their own credentials (Anon: an unknown address). Staff get a TOTP step.
        R("SignIn",                           401, 403, 200, 200, 200, 200, 200, 200, 200, 200),
        R("SignInTotp",                       401, 401, 401, 401, 401, 200, 200, 200, 200, 200),
        R("RequestSignInCode",                202, 202, 202, 202, 202, 202, 202, 202, 202, 202),
        R("SignInWithCode",                   400, 400, 200, 200, 200, 200, 200, 200, 200, 200),
        R("RefreshSession",                   401, 401, 204, 204, 204, 204, 204, 204, 204, 204),
        R("SignOut",                          204, 204, 204, 204, 204, 204, 204, 204, 204, 204),
        R("SignOutEverywhere",                401, 401, 204, 204, 204, 204, 204, 204, 204, 204),
        R("ListSessions",                     401, 401, 200, 200, 200, 200, 200, 200, 200, 200),

        // Another user's real session: not the caller's to end, and not even known to exist.
        R("EndSession",                       401, 401, 404, 404, 404, 404, 404, 404, 404, 404),
        R("LockSession",                      401, 401, 204, 204, 204, 204, 204, 204, 204, 204),
        R("UnlockSession",                    401, 401, 204, 204, 204, 204, 204, 204, 204, 204),
        R("VerifyEmail",                      400, 200, 200, 200, 200, 200, 200, 200, 200, 200),
        R("ResendVerification",               202, 202, 202, 202, 202, 202, 202, 202, 202, 202),
        R("ForgotPassword",                   202, 202, 202, 202, 202, 202, 202, 202, 202, 202),
        R("ResetPassword",                    400, 204, 204, 204, 204, 204, 204, 204, 204, 204),
        R("StartEntraSignIn",                 404, 404, 404, 404, 404, 404, 404, 404, 404, 404),
        R("CompleteEntraSignIn",              400, 400, 400, 400, 400, 400, 400, 400, 400, 400),

        R("GetMe",                            401, 401, 200, 200, 200, 200, 200, 200, 200, 200),
        R("SetLanguage",                      401, 401, 204, 204, 204, 204, 204, 204, 204, 204),
        R("UpdateProfile",                    401, 401, 200, 200, 200, 200, 200, 200, 200, 200),
        R("ChangePassword",                   401, 401, 204, 204, 204, 204, 204, 204, 204, 204),
        R("ChangeEmail",                      401, 401, 202, 202, 202, 202, 202, 202, 202, 202),

        // The home building's registrations, codes and roster: management decides, the desk reads the roster.
        R("Register",                         202, 202, 202, 202, 202, 202, 202, 202, 202, 202),
        R("ListRegistrations",                401, 401, 403, 403, 403, 403, 200, 200, 403, 403),
        R("ApproveRegistration",              401, 401, 403, 403, 403, 403, 200, 200, 403, 403),
        R("RejectRegistration",               401, 401, 403, 403, 403, 403, 200, 200, 403, 403),
        R("IssueRegistrationCode",            401, 401, 403, 403, 403, 403, 201, 201, 403, 403),
        R("ListRegistrationCodes",            401, 401, 403, 403, 403, 403, 200, 200, 403, 403),
        R("RevokeRegistrationCode",           401, 401, 403, 403, 403, 403, 204, 204, 403, 403),
        R("ListResidents",                    401, 401, 403, 403, 403, 200, 200, 200, 403, 403),
        R("ConfirmOwner",                     401, 401, 403, 403, 403, 403, 204, 204, 403, 403),
        R("ListUnits",                        401, 401, 403, 403, 403, 200, 200, 200, 403, 403),
        R("ImportUnits",                      401, 401, 403, 403, 403, 403, 200, 200, 403, 403),

        // Without the single-use setup token nobody gets anywhere, signed in or not.
        R("BeginFirstAdmin",                  400, 400, 400, 400, 400, 400, 400, 400, 400, 400),
        R("CompleteFirstAdmin",               400, 400, 400, 400, 400, 400, 400, 400, 400, 400),

        // The home building's staff: administrators alone hold ManageStaff. A manager (of this building or
        // another), the desk and the board are refused as for the other management routes. Targets are real:
        // a pending invitation, staff members of the building who are none of the callers.
        R("ListStaff",                        401, 401, 403, 403, 403, 403, 403, 200, 403, 403),
        R("InviteStaff",                      401, 401, 403, 403, 403, 403, 403, 201, 403, 403),
        R("RevokeStaffInvitation",            401, 401, 403, 403, 403, 403, 403, 204, 403, 403),
        R("ChangeStaffRole",                  401, 401, 403, 403, 403, 403, 403, 200, 403, 403),
        R("RemoveStaff",                      401, 401, 403, 403, 403, 403, 403, 204, 403, 403),

        // The invitation's single-use link token is the only credential: a session adds nothing, and without
        // a real token (here an unknown one) nobody gets anywhere — 400 invitation-invalid for all.
        R("InspectInvitation",                400, 400, 400, 400, 400, 400, 400, 400, 400, 400),
        R("AcceptInvitation",                 400, 400, 400, 400, 400, 400, 400, 400, 400, 400),
        R("ConfirmInvitationTotp",            400, 400, 400, 400, 400, 400, 400, 400, 400, 400),

        R("Negotiate",                        401, 401, 200, 200, 200, 200, 200, 200, 200, 200),
        R("ListDeadLetters",                  401, 401, 403, 403, 403, 403, 200, 200, 403, 403),
        R("RetryDeadLetter",                  401, 401, 403, 403, 403, 403, 200, 200, 403, 403),
        R("ListFailedNotices",                401, 401, 403, 403, 403, 403, 200, 200, 403, 403),
        R("RetryNotice",                      401, 401, 403, 403, 403, 403, 200, 200, 403, 403),

        // Packages at the desk (HandlePackages): the front desk, management and administrators of the building.
        // Residents, the board and another building's staff are refused. Targets are real: a waiting package of
        // unit 101 (with a photo), one of unknown recipient, one just released, a resident's current pickup code.
        R("ListPackages",                     401, 401, 403, 403, 403, 200, 200, 200, 403, 403),
        R("LogPackage",                       401, 401, 403, 403, 403, 201, 201, 201, 403, 403),
        R("GetPackage",                       401, 401, 403, 403, 403, 200, 200, 200, 403, 403),
        R("EditPackage",                      401, 401, 403, 403, 403, 200, 200, 200, 403, 403),
        R("AssignPackageRecipient",           401, 401, 403, 403, 403, 200, 200, 200, 403, 403),
        R("ReleasePackages",                  401, 401, 403, 403, 403, 200, 200, 200, 403, 403),
        R("UndoPackageRelease",               401, 401, 403, 403, 403, 200, 200, 200, 403, 403),
        R("RecordPackageException",           401, 401, 403, 403, 403, 200, 200, 200, 403, 403),
        R("UploadPackagePhoto",               401, 401, 403, 403, 403, 204, 204, 204, 403, 403),
        R("GetPackagePhoto",                  401, 401, 403, 403, 403, 200, 200, 200, 403, 403),
        R("LookUpPickup",                     401, 401, 403, 403, 403, 200, 200, 200, 403, 403),

        // The building's package settings: every member reads them (residents see desk hours and the pickup
        // place); management changes them (ConfigurePackages), the desk and the board do not.
        R("GetPackageSettings",               401, 401, 200, 200, 403, 200, 200, 200, 200, 403),
        R("ChangePackageSettings",            401, 401, 403, 403, 403, 403, 200, 200, 403, 403),

        // Unit 101's own routes (ResidentA's unit). Reads: its residents and the desk; a resident of unit 102,
        // of another building, the board and another building's manager are refused.
        R("ListUnitPackages",                 401, 401, 200, 403, 403, 200, 200, 200, 403, 403),
        R("GetUnitPackage",                   401, 401, 200, 403, 403, 200, 200, 200, 403, 403),
        R("GetUnitPackagePhoto",              401, 401, 200, 403, 403, 200, 200, 200, 403, 403),
        R("GetPackagePreferences",            401, 401, 200, 403, 403, 200, 200, 200, 403, 403),
        R("ListExpectedPackages",             401, 401, 200, 403, 403, 200, 200, 200, 403, 403),

        // What the unit's residents decide for themselves: their pickup code, their preferences, the tracking
        // numbers they expect. Nobody else, not even the desk or an administrator.
        R("GetPickupCode",                    401, 401, 200, 403, 403, 403, 403, 403, 403, 403),
        R("RegeneratePickupCode",             401, 401, 200, 403, 403, 403, 403, 403, 403, 403),
        R("ChangePackagePreferences",         401, 401, 200, 403, 403, 403, 403, 403, 403, 403),
        R("ChangePackageNoticeChoices",       401, 401, 200, 403, 403, 403, 403, 403, 403, 403),
        R("AddExpectedPackage",               401, 401, 201, 403, 403, 403, 403, 403, 403, 403),
        R("RemoveExpectedPackage",            401, 401, 204, 403, 403, 403, 403, 403, 403, 403));

    public static int For(string route, CallerKind caller) => Expected[route][(int)caller];

    private static (string Route, int[] Statuses) R(string route, params int[] statuses) => (route, statuses);

    private static Dictionary<string, int[]> Table(params (string Route, int[] Statuses)[] rows)
    {
        var table = new Dictionary<string, int[]>(StringComparer.Ordinal);
        foreach (var (route, statuses) in rows)
        {
            if (statuses.Length != Enum.GetValues<CallerKind>().Length)
            {
                throw new InvalidOperationException($"{route} has {statuses.Length} columns");
            }

            table.Add(route, statuses);
        }

        return table;
    }
}
