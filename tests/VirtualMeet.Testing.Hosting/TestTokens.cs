using System.Net.Http.Json;

namespace VirtualMeet.Testing;

/// <summary>Tokens for tests, obtained the way clients obtain them: through the REST API.</summary>
public static class TestTokens
{
    public static async Task<string> OrganizerAsync(VirtualMeetNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        using var client = node.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/auth/organizer", new { key = VirtualMeetNode.TestOrganizerKey });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenBody>()
            ?? throw new InvalidOperationException("The organizer endpoint returned no body.");
        return body.AccessToken;
    }

    private sealed record TokenBody(string AccessToken);
}
