using PushAuth.Samples.OidcRelyingParty;

var app = RelyingPartyApp.Create(args);
app.Run();
