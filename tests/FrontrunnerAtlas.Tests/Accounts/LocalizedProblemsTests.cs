using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using static FrontrunnerAtlas.Tests.Accounts.AccountsApp;

namespace FrontrunnerAtlas.Tests.Accounts;

/// <summary>
/// The problems people read come in the language their browser (or the web's menu) asks for with Accept-Language:
/// titles, details and field messages, with the field names as they are. No header or a language the atlas does not
/// speak: English. OData and the OGC routes stay English for their machine clients.
/// </summary>
[Collection(AccountsCollection.Name)]
public sealed class LocalizedProblemsTests(AccountsApp app)
{
    private static readonly object InvalidAccessRequest = new { name = "", email = "not-an-email", placeId = "xx-nowhere", role = "mayor" };

    private static async Task<JsonNode> SendAsync(HttpClient http, HttpMethod method, string path, string? language, object? body,
        HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        if (language is not null) Assert.True(request.Headers.TryAddWithoutValidation("Accept-Language", language));
        if (body is not null) request.Content = JsonContent.Create(body);
        var response = await http.SendAsync(request);
        // A shared cache must not hand one person's language to another.
        if (!response.IsSuccessStatusCode) Assert.Contains("Accept-Language", response.Headers.Vary);
        return await ReadAsync(response, expected);
    }

    private static string Field(JsonNode problem, string field) => problem["errors"]![field]![0]!.GetValue<string>();

    /// <summary>The problem's title and the first message of each field named.</summary>
    private static void AssertProblem(JsonNode problem, string title, params (string Field, string Message)[] fields)
    {
        Assert.Equal(title, problem["title"]!.GetValue<string>());
        foreach (var (field, message) in fields) Assert.Equal(message, Field(problem, field));
    }

    [Fact]
    public async Task An_invalid_access_request_is_answered_in_Polish_Latvian_or_English()
    {
        var http = app.CreateClient();

        var pl = await SendAsync(http, HttpMethod.Post, "/api/access-requests", "pl", InvalidAccessRequest, HttpStatusCode.BadRequest);
        // The values the person sent are kept in the messages.
        AssertProblem(pl, "Nieprawidłowa prośba o dostęp", ("name", "jest wymagane, najwyżej 200 znaków."),
            ("email", "„not-an-email” nie jest adresem e-mail (nazwa@example.eu)."), ("placeId", "żadne miejsce nie ma identyfikatora „xx-nowhere”."));
        Assert.StartsWith("musi być jedną z wartości: editor (redaktor)", Field(pl, "role"));

        // A browser's quality list: Latvian first (lv-LV falls back to lv).
        var lv = await SendAsync(http, HttpMethod.Post, "/api/access-requests", "lv-LV,lv;q=0.9,en;q=0.8", InvalidAccessRequest, HttpStatusCode.BadRequest);
        AssertProblem(lv, "Nederīgs piekļuves pieprasījums", ("email", "„not-an-email” nav e-pasta adrese (vards@example.eu)."));
        Assert.Equal(["email", "name", "placeId", "role"], lv["errors"]!.AsObject().Select(e => e.Key).Order());

        // No header, a language the atlas does not speak, or one only further down the list: English, as before.
        foreach (var language in new string?[] { null, "xx", "de-DE,de;q=0.9", "sv;q=1, en;q=0.5" })
        {
            var en = await SendAsync(http, HttpMethod.Post, "/api/access-requests", language, InvalidAccessRequest, HttpStatusCode.BadRequest);
            AssertProblem(en, "Invalid access request", ("email", "'not-an-email' is not an e-mail address (name@example.eu)."),
                ("name", "is required, at most 200 characters."));
        }
    }

    [Fact]
    public async Task An_invalid_mentoring_request_and_a_refusal_are_answered_in_the_language_asked()
    {
        var anonymous = app.CreateClient();
        var signIn = await SendAsync(anonymous, HttpMethod.Post, "/api/mentorships", "pl", new { menteePlaceId = "ee-valga", mentorPlaceId = "ee-tartu" },
            HttpStatusCode.Unauthorized);
        Assert.Equal("Zaloguj się lub wyślij klucz API", signIn["title"]!.GetValue<string>());

        var planner = await app.SignedInAsAsync("place-representative", "ee-valga");
        var bad = new { menteePlaceId = "ee-valga", mentorPlaceId = "ee-valga", plannedDays = 400, themes = new[] { "energy", "cycling" } };
        var lv = await SendAsync(planner, HttpMethod.Post, "/api/mentorships", "lv-LV,lv;q=0.9,en;q=0.8", bad, HttpStatusCode.BadRequest);
        AssertProblem(lv, "Nederīgs mentorēšanas lūgums", ("mentorPlaceId", "vieta nevar būt pati sev mentors."), ("plannedDays", "jābūt no 0 līdz 365."));
        Assert.StartsWith("„cycling” nav neviens no šiem: energy, mobility", Field(lv, "themes"));

        var pl = await SendAsync(planner, HttpMethod.Post, "/api/mentorships", "pl", bad, HttpStatusCode.BadRequest);
        AssertProblem(pl, "Nieprawidłowa prośba o mentoring", ("plannedDays", "musi wynosić od 0 do 365."));

        // A follower asked as a mentor: its role is said in the language too.
        var notMentor = await SendAsync(planner, HttpMethod.Post, "/api/mentorships", "fi", new { menteePlaceId = "ee-valga", mentorPlaceId = "ee-voru" },
            HttpStatusCode.BadRequest);
        Assert.Contains("on seuraaja eikä edelläkävijä", Field(notMentor, "mentorPlaceId"));

        var en = await SendAsync(planner, HttpMethod.Post, "/api/mentorships", null, bad, HttpStatusCode.BadRequest);
        AssertProblem(en, "Invalid mentorship request", ("plannedDays", "must be from 0 to 365."));

        var unknownStatus = await SendAsync(planner, HttpMethod.Patch, "/api/mentorships/m-none", "et", new { status = "sleeping" }, HttpStatusCode.NotFound);
        Assert.Equal("Sellist mentorlust ei ole", unknownStatus["title"]!.GetValue<string>());
        Assert.Equal("Mentorlust „m-none” ei ole.", unknownStatus["detail"]!.GetValue<string>());
        // A validation problem made without a title takes the framework's, translated too.
        var noToken = await SendAsync(anonymous, HttpMethod.Post, "/account/invitations/accept", "lt", new { password = "x" }, HttpStatusCode.BadRequest);
        AssertProblem(noToken, "Įvyko viena ar daugiau patikros klaidų.", ("token", "privalomas: kvietimo nuorodos žetonas."));
    }

    [Fact]
    public async Task Identity_password_rules_are_said_in_the_language_asked()
    {
        var anonymous = app.CreateClient();
        var asked = await ReadAsync(await anonymous.PostAsJsonAsync("/api/access-requests",
            new { name = "Kuldīgas plānotāja", email = NewEmail("kuldiga"), placeId = "lv-kuldiga", role = "place-representative" }), HttpStatusCode.Accepted);
        var reviewer = await app.SignedInAsAsync("reviewer");
        var approved = await ReadAsync(await reviewer.PostAsync($"/api/access-requests/{asked["id"]}/approve", null), HttpStatusCode.OK);
        var token = approved["token"]!.GetValue<string>();

        var pl = await SendAsync(anonymous, HttpMethod.Post, "/account/invitations/accept", "pl", new { token, password = "short" }, HttpStatusCode.BadRequest);
        AssertProblem(pl, "Hasło jest zbyt słabe", ("password", "Hasło musi mieć co najmniej 12 znaków."));
        var en = await SendAsync(anonymous, HttpMethod.Post, "/account/invitations/accept", null, new { token, password = "short" }, HttpStatusCode.BadRequest);
        AssertProblem(en, "Password too weak", ("password", "Passwords must be at least 12 characters."));

        // Approving again once it is accepted is refused, with the status said in words of the language.
        await ReadAsync(await anonymous.PostAsJsonAsync("/account/invitations/accept", new { token, password = "a long enough password" }), HttpStatusCode.Created);
        var again = await SendAsync(reviewer, HttpMethod.Post, $"/api/access-requests/{asked["id"]}/approve", "et", null, HttpStatusCode.Conflict);
        Assert.Equal("Selle taotluse olek on juba „vastu võetud”.", again["detail"]!.GetValue<string>());

        // A failure inside the service is said in the language too (and still names nothing internal).
        app.Failing.On = true;
        JsonNode failed;
        try { failed = await SendAsync(reviewer, HttpMethod.Get, "/api/access-requests", "fi", null, HttpStatusCode.InternalServerError); }
        finally { app.Failing.On = false; }
        AssertProblem(failed, "Sisäinen virhe");
        Assert.Equal("Palvelin ei voinut vastata tähän pyyntöön.", failed["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_editors_field_errors_are_said_in_the_language_asked()
    {
        var editor = await app.SignedInAsAsync("editor");
        var membership = new { placeId = "xx-nowhere", initiativeId = "yy-nowhere", role = "member", source = "https://example.eu/list", external = true };
        var pl = await SendAsync(editor, HttpMethod.Post, "/api/memberships", "pl", membership, HttpStatusCode.BadRequest);
        AssertProblem(pl, "Rekord ma nieprawidłowe pola", ("placeId", "żadne miejsce nie ma identyfikatora „xx-nowhere”"),
            ("initiativeId", "żadna sieć nie ma identyfikatora „yy-nowhere”"));
        var en = await SendAsync(editor, HttpMethod.Post, "/api/memberships", null, membership, HttpStatusCode.BadRequest);
        AssertProblem(en, "The record has invalid fields", ("placeId", "no place has id 'xx-nowhere'"));
        // The schema's own words too (a field the record does not have).
        var lt = await SendAsync(editor, HttpMethod.Post, "/api/memberships", "lt", new { placeId = "ee-tartu", colour = "red" }, HttpStatusCode.BadRequest);
        AssertProblem(lt, "Įraše yra netinkamų laukų", ("colour", "nėra šio įrašo laukas"), ("role", "privalomas"));
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(HttpClient http, string path, string language)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Accept-Language", language);
        var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OData_and_the_OGC_routes_stay_English_for_their_machine_clients()
    {
        var http = app.CreateClient();
        var odata = await GetAsync(http, "/odata/Places?$top=abc", "pl");
        Assert.Equal(HttpStatusCode.BadRequest, odata.Status);
        Assert.Contains("\"error\"", odata.Body);
        Assert.DoesNotMatch("[ąćęłńóśźż]", odata.Body);

        var ogc = await GetAsync(http, "/collections/places/items?limit=abc", "fi");
        Assert.Equal(HttpStatusCode.BadRequest, ogc.Status);
        Assert.Contains("limit", ogc.Body);
        Assert.DoesNotMatch("[äöå]", ogc.Body);

        // Numbers the API writes keep their one culture whatever the language: a Finnish reader still gets 58.38, not 58,38.
        var csv = await GetAsync(http, "/odata/Places?$filter=Id eq 'ee-tartu'&$select=Latitude&$format=csv", "fi");
        Assert.Matches(@"\n58\.\d+", csv.Body);
    }
}
