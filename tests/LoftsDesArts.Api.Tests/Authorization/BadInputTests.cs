using System.Text;
using System.Text.Json;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Http;
using LoftsDesArts.Http.Pipeline;

namespace LoftsDesArts.Api.Tests.Authorization;

/// <summary>
/// Issue 2, B6, on both hosts: every route that reads a body refuses a malformed one, one with values of
/// the wrong type, an oversized one (with or without Content-Length) and one that is not JSON, with a
/// problem that has a stable <c>code</c>, per-field <c>errors</c> where a field is at fault, and a title in
/// the caller's language (French by default, English when asked); every route's required fields are
/// named; odd input never becomes a 500; and none of these requests writes anything (the store is compared
/// row by row, see <see cref="StoreSnapshot"/>). The callers are ones the route admits, so nothing but the
/// input is at fault.
/// </summary>
[Collection(AuthorizationCollection.Name)]
public sealed class BadInputTests(MatrixWorld world)
{
    private static readonly string[] Flaws = ["malformed", "wrong-types", "oversized", "oversized-unsized", "no-content-type", "text-plain"];

    /// <summary>Hand-written: the fields each route names when its body is empty (<c>{}</c>).</summary>
    private static readonly Dictionary<string, string[]> RequiredFields = new(StringComparer.Ordinal)
    {
        ["SignIn"] = ["email", "password"],
        ["SignInTotp"] = ["code"],
        ["RequestSignInCode"] = ["email"],
        ["SignInWithCode"] = ["email", "code"],
        ["UnlockSession"] = ["password"],
        ["VerifyEmail"] = ["email", "code"],
        ["ResendVerification"] = ["email"],
        ["ForgotPassword"] = ["email"],
        ["ResetPassword"] = ["token", "newPassword"],
        ["SetLanguage"] = ["language"],
        ["UpdateProfile"] = ["fullName"],
        ["ChangePassword"] = ["currentPassword", "newPassword"],
        ["ChangeEmail"] = ["newEmail", "currentPassword"],
        ["Register"] = ["buildingId", "unitNumber", "fullName", "email", "password", "language", "relationship", "acceptTerms", "acceptPrivacy", "termsVersion", "privacyVersion"],
        ["RejectRegistration"] = ["reason"],
        ["ConfirmOwner"] = ["unitId"],
        ["ImportUnits"] = ["csv"],
        ["BeginFirstAdmin"] = ["token", "fullName", "email", "password"],
        ["CompleteFirstAdmin"] = ["token", "code"],
        ["InviteStaff"] = ["email", "fullName", "role"],
        ["ChangeStaffRole"] = ["role"],
        ["InspectInvitation"] = ["token"],

        // The name and password are required only for some invitees, which the token decides (see OddInputs).
        ["AcceptInvitation"] = ["token"],
        ["ConfirmInvitationTotp"] = ["token", "code"],

        ["LogPackage"] = ["clientRequestId", "trackingNumber", "size"],
        ["EditPackage"] = ["version", "carrier", "size"],
        ["AssignPackageRecipient"] = ["unitId"],
        ["ReleasePackages"] = ["unitId", "packageIds", "releasedTo", "identityCheck"],
        ["UndoPackageRelease"] = ["reason"],
        ["RecordPackageException"] = ["kind", "note"],

        // A code or a unit: the message names the code, the field the desk types into first.
        ["LookUpPickup"] = ["code"],
        ["ChangePackageSettings"] = ["deskHours", "pickupLocation", "reminderDays", "finalNoticeDay", "returnDay", "overdueAfterDays", "sendingHours", "photoRetentionDays"],
        ["AddExpectedPackage"] = ["trackingNumber"],

        // Every field of these is optional: {} is a valid request (their bad values are in OddInputs).
        ["ApproveRegistration"] = [],
        ["IssueRegistrationCode"] = [],
        ["ChangePackagePreferences"] = [],
        ["ChangePackageNoticeChoices"] = [],
    };

    /// <summary>Flaws of a raw binary body (a photo): the route's own media types only, its own size cap.</summary>
    private static readonly string[] BinaryFlaws = ["not-an-image", "json", "oversized", "oversized-unsized", "no-content-type", "text-plain"];

    private static bool IsBinary(ApiRoute route) => route.BinaryMediaTypes.Count > 0;

    private static bool HasJsonBody(ApiRoute route) => route.BodyType is not null && !IsBinary(route);

    public static TheoryData<string, string, string> BodyFlaws()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var host in new[] { "self-host", "functions" })
        {
            foreach (var route in ApiRouteTable.All.Where(HasJsonBody))
            {
                foreach (var flaw in Flaws)
                {
                    data.Add(host, route.Name, flaw);
                }
            }
        }

        return data;
    }

    public static TheoryData<string, string> EmptyBodies()
    {
        var data = new TheoryData<string, string>();
        foreach (var host in new[] { "self-host", "functions" })
        {
            // Routes whose fields are all optional accept {}: their bad values are in OddInputs.
            foreach (var route in ApiRouteTable.All.Where(r => HasJsonBody(r) && RequiredFields[r.Name].Length > 0))
            {
                data.Add(host, route.Name);
            }
        }

        return data;
    }

    public static TheoryData<string, string, string> BinaryBodyFlaws()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var host in new[] { "self-host", "functions" })
        {
            foreach (var route in ApiRouteTable.All.Where(IsBinary))
            {
                foreach (var flaw in BinaryFlaws)
                {
                    data.Add(host, route.Name, flaw);
                }
            }
        }

        return data;
    }

    public static TheoryData<string, string> OddInputCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var host in new[] { "self-host", "functions" })
        {
            foreach (var name in OddInputs.Keys)
            {
                data.Add(host, name);
            }
        }

        return data;
    }

    [Fact]
    public void RequiredFields_CoverEveryRouteWithAJsonBody()
    {
        Assert.Equal(
            ApiRouteTable.All.Where(HasJsonBody).Select(r => r.Name).Order(StringComparer.Ordinal),
            RequiredFields.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task OpenApiDocument_EveryRouteWithABody_DescribesItsBodyMediaTypes()
    {
        var response = await world.SelfHost.SendAsync(ApiRequest.Get("/openapi/v1.json"));
        Assert.Equal(200, response.Status);
        var paths = response.Json().GetProperty("paths");

        foreach (var route in ApiRouteTable.All)
        {
            var operation = paths.GetProperty("/api/" + route.Template).GetProperty(route.Method.ToLowerInvariant());
            Assert.Equal(route.BodyType is not null, operation.TryGetProperty("requestBody", out var body));
            if (route.BodyType is null)
            {
                continue;
            }

            // A JSON body is application/json with its schema; a binary one is exactly the media types the route accepts, as raw bytes.
            var content = body.GetProperty("content");
            var expected = IsBinary(route) ? route.BinaryMediaTypes : ["application/json"];
            Assert.Equal(expected.Order(StringComparer.Ordinal), content.EnumerateObject().Select(m => m.Name).Order(StringComparer.Ordinal));
            foreach (var media in content.EnumerateObject())
            {
                var schema = media.Value.GetProperty("schema");
                if (IsBinary(route))
                {
                    Assert.Equal(("string", "binary"), (schema.GetProperty("type").GetString(), schema.GetProperty("format").GetString()));
                }
                else
                {
                    Assert.Equal($"#/components/schemas/{route.BodyType.Name}", schema.GetProperty("$ref").GetString());
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(BodyFlaws))]
    public async Task Body_Flawed_ProblemInTheCallersLanguageAndNothingWritten(string host, string routeName, string flaw)
    {
        var route = ApiRouteTable.All.Single(r => r.Name == routeName);
        var language = Array.IndexOf([.. ApiRouteTable.All], route) % 2 == 0 ? Language.Fr : Language.En;
        var request = await RequestForAsync(route, language);
        var (status, code, title, field) = flaw switch
        {
            "malformed" => (400, "malformed-body", Texts.Errors.MalformedBody, null),
            "wrong-types" => (400, "malformed-body", Texts.Errors.MalformedBody, FirstParameter(route)),
            "oversized" or "oversized-unsized" => (413, "too-large", Texts.Errors.PayloadTooLarge, null),
            _ => (415, "unsupported-media-type", Texts.Errors.UnsupportedMediaType, (string?)null),
        };
        var oversized = Encoding.UTF8.GetBytes($"{{\"x\":\"{new string('a', route.MaxBodyBytes)}\"}}");
        request = flaw switch
        {
            "malformed" => request.WithRawBody("application/json", "{\"email\": \"a@b.c\", "u8.ToArray()),
            "wrong-types" => request.WithRawBody("application/json; charset=utf-8", WrongTypes(route)),
            "oversized" => request.WithRawBody("application/json", oversized),
            "oversized-unsized" => request.WithRawBody("application/json", oversized) with { Unsized = true },
            "no-content-type" => request.WithRawBody(null, "{}"u8.ToArray()),
            _ => request.WithRawBody("text/plain", "{}"u8.ToArray()),
        };
        var before = await SettledSnapshotAsync();

        var response = await world.Host(host).SendAsync(request);

        var problem = AssertProblem(response, status, code, language);
        Assert.Equal(title.In(language), problem.GetProperty("title").GetString());
        if (field is not null)
        {
            Assert.Equal(Texts.Fields.WrongType.In(language), problem.GetProperty("errors").GetProperty(field).GetString());
        }
        else
        {
            Assert.False(problem.TryGetProperty("errors", out _), response.Body);
        }

        Assert.Empty((await SettledSnapshotAsync()).ChangesSince(before));
    }

    [Theory]
    [MemberData(nameof(EmptyBodies))]
    public async Task Body_Empty_NamesEveryRequiredFieldInTheCallersLanguageAndNothingWritten(string host, string routeName)
    {
        var route = ApiRouteTable.All.Single(r => r.Name == routeName);
        var expected = RequiredFields[routeName];
        var language = host == "self-host" ? Language.Fr : Language.En;
        var before = await SettledSnapshotAsync();

        var response = await world.Host(host).SendAsync((await RequestForAsync(route, language)).WithRawBody("application/json", "{}"u8.ToArray()));

        var problem = AssertProblem(response, 400, "validation", language);
        var errors = problem.GetProperty("errors");
        Assert.Equal(expected.Order(StringComparer.Ordinal), errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        if (expected.Contains("email"))
        {
            Assert.Equal(Texts.Fields.Required.In(language), errors.GetProperty("email").GetString());
        }

        Assert.Empty((await SettledSnapshotAsync()).ChangesSince(before));
    }

    [Theory]
    [MemberData(nameof(BinaryBodyFlaws))]
    public async Task BinaryBody_Flawed_ProblemInTheCallersLanguageAndNothingWritten(string host, string routeName, string flaw)
    {
        var route = ApiRouteTable.All.Single(r => r.Name == routeName);
        var language = host == "self-host" ? Language.Fr : Language.En;
        var request = await RequestForAsync(route, language);
        var oversized = new byte[route.MaxBodyBytes + 1];
        MatrixWorld.PhotoBytes().CopyTo(oversized, 0);
        var (status, code, title) = flaw switch
        {
            "not-an-image" => (400, "photo-not-an-image", Texts.Errors.Validation),
            "oversized" or "oversized-unsized" => (413, "too-large", Texts.Errors.PayloadTooLarge),
            _ => (415, "unsupported-media-type", Texts.Errors.UnsupportedMediaType),
        };
        request = flaw switch
        {
            // Declared as an accepted type, but the bytes are no image.
            "not-an-image" => request.WithRawBody(route.BinaryMediaTypes[0], "GIF89a, ou plutôt pas une image du tout"u8.ToArray()),
            "json" => request.WithRawBody("application/json", "{\"photo\":\"pas-une-image\"}"u8.ToArray()),
            "oversized" => request.WithRawBody(route.BinaryMediaTypes[0], oversized),
            "oversized-unsized" => request.WithRawBody(route.BinaryMediaTypes[0], oversized) with { Unsized = true },
            "no-content-type" => request.WithRawBody(null, MatrixWorld.PhotoBytes()),
            _ => request.WithRawBody("text/plain", MatrixWorld.PhotoBytes()),
        };
        var before = await SettledSnapshotAsync();

        var response = await world.Host(host).SendAsync(request);

        var problem = AssertProblem(response, status, code, language);
        Assert.Equal(title.In(language), problem.GetProperty("title").GetString());
        if (flaw == "not-an-image")
        {
            Assert.Equal(Core.Packages.Photos.PackagePhotoTexts.NotAnImage.In(language), problem.GetProperty("errors").GetProperty("photo").GetString());
        }
        else
        {
            Assert.False(problem.TryGetProperty("errors", out _), response.Body);
        }

        Assert.Empty((await SettledSnapshotAsync()).ChangesSince(before));
    }

    /// <summary>Odd but well-formed input: each gets its own clear answer, never a 500, and writes nothing.</summary>
    private static readonly Dictionary<string, (CallerKind Caller, Func<MatrixWorld, ApiRequest> Request, int Status, string Code)> OddInputs = new(StringComparer.Ordinal)
    {
        ["dead letters, limit not a number"] = (CallerKind.Manager, w => ApiRequest.Get($"/api/buildings/{w.HomeBuilding}/dead-letters") with { Query = "?limit=beaucoup" }, 400, "validation"),
        ["dead letters, limit 0"] = (CallerKind.Manager, w => ApiRequest.Get($"/api/buildings/{w.HomeBuilding}/dead-letters") with { Query = "?limit=0" }, 400, "validation"),
        ["dead letters, forged continuation"] = (CallerKind.Manager, w => ApiRequest.Get($"/api/buildings/{w.HomeBuilding}/dead-letters") with { Query = "?continuation=%7B%22pas%22%3A1%7D" }, 400, "validation"),
        ["dead letters, garbage continuation"] = (CallerKind.Manager, w => ApiRequest.Get($"/api/buildings/{w.HomeBuilding}/dead-letters") with { Query = "?continuation=%25%25%25" }, 400, "validation"),
        ["registrations, unknown status"] = (CallerKind.Manager, w => ApiRequest.Get($"/api/buildings/{w.HomeBuilding}/registrations") with { Query = "?status=toutes" }, 400, "validation"),
        ["legal, unknown document"] = (CallerKind.Anonymous, _ => ApiRequest.Get("/api/public/legal/contrat"), 404, "document-not-found"),
        ["public building, unknown"] = (CallerKind.Anonymous, _ => ApiRequest.Get("/api/public/buildings/immeuble-inconnu"), 404, "building-not-found"),
        ["approve, id of 300 characters"] = (CallerKind.Manager, w => ApiRequest.PostJson($"/api/buildings/{w.HomeBuilding}/registrations/{new string('r', 300)}/approve", new { }), 404, "registration-not-found"),
        ["approve, id with encoded slashes"] = (CallerKind.Manager, w => ApiRequest.PostJson($"/api/buildings/{w.HomeBuilding}/registrations/r%2F..%2F..%2Fx/approve", new { }), 404, "registration-not-found"),
        ["approve, owner rights for a tenant"] = (CallerKind.Manager, w => ApiRequest.PostJson($"/api/buildings/{w.HomeBuilding}/registrations/{w.PendingForApproval}/approve", new { confirmOwner = true }), 400, "validation"),
        ["codes, unit with dots and slash"] = (CallerKind.Manager, w => ApiRequest.Get($"/api/buildings/{w.HomeBuilding}/units/..%2F101/registration-codes"), 404, "unit-not-found"),
        ["codes, uses and days out of range"] = (CallerKind.Manager, w => ApiRequest.PostJson($"/api/buildings/{w.HomeBuilding}/units/101/registration-codes", new { maxUses = 0, validDays = 1000 }), 400, "validation"),
        ["revoke, code of another unit"] = (CallerKind.Manager, w => ApiRequest.Post($"/api/buildings/{w.HomeBuilding}/units/102/registration-codes/{w.CodeToRevoke}/revoke"), 404, "registration-code-not-found"),
        ["owner, unit that is not theirs"] = (CallerKind.Manager, w => ApiRequest.PostJson($"/api/buildings/{w.HomeBuilding}/residents/{w.OwnerToConfirm.UserId}/owner", new { unitId = "102", confirmed = true }), 404, "resident-not-found"),
        ["import, not a CSV"] = (CallerKind.Admin, w => ApiRequest.PostJson($"/api/buildings/{w.HomeBuilding}/units/import", new { csv = "ceci n'est pas un fichier CSV" }), 400, "import-invalid"),
        ["import, unit already there"] = (CallerKind.Admin, w => ApiRequest.PostJson($"/api/buildings/{w.HomeBuilding}/units/import", new { csv = "number,floor,type\n101,1,residential" }), 400, "import-invalid"),
        ["dead letter, unknown"] = (CallerKind.Manager, w => ApiRequest.Post($"/api/buildings/{w.HomeBuilding}/dead-letters/dead%3Ainconnu/retry"), 404, "dead-letter-not-found"),
        ["staff, invite with the resident role"] = (CallerKind.Admin, w => ApiRequest.PostJson($"/api/buildings/{w.HomeBuilding}/staff/invitations", new { email = "role.bizarre@example.test", fullName = "Rôle Bizarre", role = "resident" }), 400, "validation"),
        ["staff, invite an address already on the staff"] = (CallerKind.Admin, w => ApiRequest.PostJson($"/api/buildings/{w.HomeBuilding}/staff/invitations", new { email = w.Callers[CallerKind.FrontDesk].Email, fullName = "Déjà Là", role = "manager" }), 409, "staff-already-member"),
        ["staff, role in capitals"] = (CallerKind.Admin, w => ApiRequest.PutJson($"/api/buildings/{w.HomeBuilding}/staff/{w.StaffToChange}/role", new { role = "ADMIN" }), 400, "validation"),
        ["staff, change one's own role"] = (CallerKind.Admin, w => ApiRequest.PutJson($"/api/buildings/{w.HomeBuilding}/staff/{w.Callers[CallerKind.Admin].UserId}/role", new { role = "manager" }), 403, "staff-own-role"),
        ["staff, remove oneself"] = (CallerKind.Admin, w => ApiRequest.Delete($"/api/buildings/{w.HomeBuilding}/staff/{w.Callers[CallerKind.Admin].UserId}"), 403, "staff-own-role"),
        ["staff, change the role of a resident"] = (CallerKind.Admin, w => ApiRequest.PutJson($"/api/buildings/{w.HomeBuilding}/staff/{w.Callers[CallerKind.ResidentA].UserId}/role", new { role = "manager" }), 404, "staff-member-not-found"),
        ["staff, remove a resident"] = (CallerKind.Admin, w => ApiRequest.Delete($"/api/buildings/{w.HomeBuilding}/staff/{w.Callers[CallerKind.ResidentA].UserId}"), 404, "staff-member-not-found"),
        ["staff, remove an id of 300 characters"] = (CallerKind.Admin, w => ApiRequest.Delete($"/api/buildings/{w.HomeBuilding}/staff/{new string('u', 300)}"), 404, "staff-member-not-found"),
        ["staff, revoke an unknown invitation"] = (CallerKind.Admin, w => ApiRequest.Post($"/api/buildings/{w.HomeBuilding}/staff/invitations/inv_inconnue/revoke"), 404, "staff-invitation-not-found"),
        ["invitation, token of 300 characters"] = (CallerKind.Anonymous, _ => ApiRequest.PostJson("/api/invitations/inspect", new { token = new string('t', 300) }), 400, "validation"),
        ["invitation, accept with an unknown token and no password"] = (CallerKind.Anonymous, _ => ApiRequest.PostJson("/api/invitations/accept", new { token = "JetonInconnuJetonInconnuJetonInconnuJetonIn" }), 400, "invitation-invalid"),
        ["end session, id of 300 characters"] = (CallerKind.ResidentA, _ => ApiRequest.Delete($"/api/auth/sessions/{new string('s', 300)}"), 404, "session-not-found"),
        ["sign in, password of 2000 characters"] = (CallerKind.Anonymous, _ => ApiRequest.PostJson("/api/auth/sign-in", new { email = "a@example.test", password = new string('p', 2000) }), 400, "validation"),
        ["register, relationship in capitals"] = (CallerKind.Anonymous, w => ApiRequest.Json("POST", "/api/registrations", Registration(w, relationship: "OWNER")), 400, "validation"),
        ["register, unknown building"] = (CallerKind.Anonymous, w => ApiRequest.Json("POST", "/api/registrations", Registration(w, buildingId: "immeuble-inconnu")), 400, "validation"),
        ["packages, unknown state"] = (CallerKind.FrontDesk, w => ApiRequest.Get($"/api/buildings/{w.HomeBuilding}/packages") with { Query = "?state=perdu" }, 400, "validation"),
        ["packages, minimum age not a number"] = (CallerKind.FrontDesk, w => ApiRequest.Get($"/api/buildings/{w.HomeBuilding}/packages") with { Query = "?minAgeDays=vieux" }, 400, "validation"),
        ["packages, carrier in capitals"] = (CallerKind.FrontDesk, w => ApiRequest.Get($"/api/buildings/{w.HomeBuilding}/packages") with { Query = "?carrier=UPS" }, 400, "validation"),
        ["unit packages, unknown view"] = (CallerKind.ResidentA, w => ApiRequest.Get($"/api/buildings/{w.HomeBuilding}/units/101/packages") with { Query = "?view=tout" }, 400, "validation"),
        ["package, another building's id"] = (CallerKind.FrontDesk, w => ApiRequest.Get($"/api/buildings/{w.HomeBuilding}/packages/{w.OtherBuildingPackage}"), 404, "package-not-found"),
        ["package photo, another building's id"] = (CallerKind.FrontDesk, w => ApiRequest.Get($"/api/buildings/{w.HomeBuilding}/packages/{w.OtherBuildingPackage}/photo"), 404, "package-not-found"),
        ["package photo, package without one"] = (CallerKind.FrontDesk, w => ApiRequest.Get($"/api/buildings/{w.HomeBuilding}/packages/{w.NeighbourPackage}/photo"), 404, "photo-not-found"),
        ["unit package, another unit's id"] = (CallerKind.ResidentA, w => ApiRequest.Get($"/api/buildings/{w.HomeBuilding}/units/101/packages/{w.NeighbourPackage}"), 404, "package-not-found"),
        ["unit package, another unit's id through the neighbour's unit"] = (CallerKind.ResidentB, w => ApiRequest.Get($"/api/buildings/{w.HomeBuilding}/units/102/packages/{w.HomePackage}"), 404, "package-not-found"),
        ["unit package photo, another unit's id"] = (CallerKind.ResidentB, w => ApiRequest.Get($"/api/buildings/{w.HomeBuilding}/units/102/packages/{w.HomePackage}/photo"), 404, "package-not-found"),
        ["unit package, another building's id"] = (CallerKind.ResidentA, w => ApiRequest.Get($"/api/buildings/{w.HomeBuilding}/units/101/packages/{w.OtherBuildingPackage}"), 404, "package-not-found"),
        ["unit package, the desk through another unit's route"] = (CallerKind.FrontDesk, w => ApiRequest.Get($"/api/buildings/{w.HomeBuilding}/units/102/packages/{w.HomePackage}"), 404, "package-not-found"),
        ["expected package, remove another unit's"] = (CallerKind.ResidentB, w => ApiRequest.Delete($"/api/buildings/{w.HomeBuilding}/units/102/expected-packages/{w.ExpectedToRemove}"), 404, "expected-package-not-found"),
        ["pickup lookup, unknown code"] = (CallerKind.FrontDesk, w => ApiRequest.PostJson($"/api/buildings/{w.HomeBuilding}/pickup/lookup", new { code = "2222-2222" }), 404, "pickup-code-unknown"),
        ["pickup lookup, another building's unit"] = (CallerKind.FrontDesk, w => ApiRequest.PostJson($"/api/buildings/{w.HomeBuilding}/pickup/lookup", new { unitId = "701" }), 404, "unit-not-found"),
        ["release, another unit's package"] = (CallerKind.FrontDesk, w => ApiRequest.PostJson($"/api/buildings/{w.HomeBuilding}/packages/release", new { unitId = "101", packageIds = new[] { w.NeighbourPackage }, releasedTo = new { kind = "authorized", name = "Jean Roy" }, identityCheck = "photo-id" }), 409, "other-unit"),
        ["release, another building's package"] = (CallerKind.FrontDesk, w => ApiRequest.PostJson($"/api/buildings/{w.HomeBuilding}/packages/release", new { unitId = "701", packageIds = new[] { w.OtherBuildingPackage }, releasedTo = new { kind = "authorized", name = "Jean Roy" }, identityCheck = "photo-id" }), 404, "package-not-found"),
        ["package settings, sending hours not times"] = (CallerKind.Manager, w => ApiRequest.PutJson($"/api/buildings/{w.HomeBuilding}/package-settings", new { deskHours = new { fr = "7 h à 23 h", en = "7 a.m. to 11 p.m." }, pickupLocation = new { fr = "Hall", en = "Lobby" }, reminderDays = new[] { 3 }, finalNoticeDay = 12, returnDay = 14, overdueAfterDays = 7, sendingHours = new { from = "8 h", to = "21 h" }, photoRetentionDays = 30 }), 400, "validation"),
        ["body is null"] = (CallerKind.Anonymous, _ => ApiRequest.Post("/api/auth/sign-in").WithRawBody("application/json", "null"u8.ToArray()), 400, "malformed-body"),
        ["body is an array"] = (CallerKind.Anonymous, _ => ApiRequest.Post("/api/auth/sign-in").WithRawBody("application/json", "[]"u8.ToArray()), 400, "malformed-body"),
        ["body nested 200 deep"] = (CallerKind.Anonymous, _ => ApiRequest.Post("/api/auth/sign-in").WithRawBody("application/json", Encoding.UTF8.GetBytes("{\"email\":" + new string('[', 200) + new string(']', 200) + "}")), 400, "malformed-body"),
        ["body not UTF-8"] = (CallerKind.Anonymous, _ => ApiRequest.Post("/api/auth/sign-in").WithRawBody("application/json", [.. "{\"email\":\""u8, 0xFF, 0xFE, .. "\"}"u8]), 400, "malformed-body"),
    };

    [Theory]
    [MemberData(nameof(OddInputCases))]
    public async Task OddInput_AnyRoute_ClearAnswerNoServerErrorNothingWritten(string host, string name)
    {
        var (kind, build, status, code) = OddInputs[name];
        var caller = await world.CallerAsync(kind);
        var before = await SettledSnapshotAsync();

        var response = await world.Host(host).SendAsync(build(world) with { Cookie = caller.Cookie, ClientAddress = FreshAddress() });

        AssertProblem(response, status, code, Language.Fr);
        Assert.Empty((await SettledSnapshotAsync()).ChangesSince(before));
    }

    private static object Registration(MatrixWorld world, string? buildingId = null, string relationship = "owner") => new
    {
        buildingId = buildingId ?? world.HomeBuilding,
        unitNumber = "105",
        fullName = "Zoé Tremblay",
        email = "zoe.bizarre@example.test",
        password = Support.PortalSession.StrongPassword,
        language = "fr",
        relationship,
        acceptTerms = true,
        acceptPrivacy = true,
        termsVersion = Core.Legal.LegalDocuments.CurrentVersion,
        privacyVersion = Core.Legal.LegalDocuments.CurrentVersion,
    };

    internal static JsonElement AssertProblem(ApiResponse response, int status, string code, Language language)
    {
        Assert.True(response.Status == status, $"expected {status} {code}, got {response}");
        Assert.StartsWith("application/problem+json", response.Header("Content-Type"), StringComparison.Ordinal);
        Assert.Equal(language.Code(), response.Header("Content-Language"));
        var problem = response.Json();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
        return problem;
    }

    /// <summary>A request a caller the route admits would send, in the given language, before its body.</summary>
    private async Task<ApiRequest> RequestForAsync(ApiRoute route, Language language)
    {
        var caller = await world.CallerAsync(
            route.Capability is not null ? CallerKind.Admin
            : route.Access == RouteAccess.Anonymous ? CallerKind.Anonymous
            : CallerKind.ResidentA);
        var path = "/api/" + route.Template
            .Replace("{buildingId}", world.HomeBuilding, StringComparison.Ordinal)
            .Replace("{registrationId}", world.PendingForApproval, StringComparison.Ordinal)
            .Replace("{unitId}", "101", StringComparison.Ordinal)
            .Replace("{userId}", world.OwnerToConfirm.UserId, StringComparison.Ordinal)
            .Replace("{packageId}", world.HomePackage, StringComparison.Ordinal)
            .Replace("{expectedId}", world.ExpectedToRemove, StringComparison.Ordinal);
        // Anonymous callers are answered in their browser's language; a signed-in person in the page's
        // language (its cookie), else their own preference, whatever the browser says.
        return new ApiRequest(route.Method, path)
        {
            Cookie = caller.Cookie is null ? null : $"{caller.Cookie}; {ApiPipeline.LanguageCookie}={language.Code()}",
            ClientAddress = FreshAddress(),
            AcceptLanguage = language == Language.En ? "en-CA,en;q=0.9" : "fr-CA,fr;q=0.9",
        };
    }

    /// <summary>The body's properties with values of the wrong type: numbers for text, text for numbers and booleans.</summary>
    private static byte[] WrongTypes(ApiRoute route)
    {
        var values = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var parameter in route.BodyType!.GetConstructors().Single().GetParameters())
        {
            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            values[JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!)] = type == typeof(string) ? 12345 : "pas-le-bon-type";
        }

        return JsonSerializer.SerializeToUtf8Bytes(values);
    }

    private static string FirstParameter(ApiRoute route) =>
        JsonNamingPolicy.CamelCase.ConvertName(route.BodyType!.GetConstructors().Single().GetParameters()[0].Name!);

    /// <summary>An address of its own per request: the per-address budgets are not what these tests are about.</summary>
    private string FreshAddress() => $"2001:db8::{world.Next():x}";

    private async Task<StoreSnapshot> SettledSnapshotAsync()
    {
        await world.SettleAsync();
        return await StoreSnapshot.TakeAsync(world.Factory.DataFolder);
    }
}
