import * as assert from 'node:assert/strict';
import { assertFindings, assertQuiet, lintRobin } from './helpers';

const WEB = 'secret-in-web-request';
const URL_RULE = 'secret-in-url';

const call = (args: string): string =>
  `Web.InvokeWebService.InvokeWebService Url: $'''https://api.contoso.com/v1/orders''' Method: Web.Method.Post Accept: $'''application/json''' ContentType: $'''application/json''' ${args} ConnectionTimeout: 30 FollowRedirection: True ClearCookies: False Cookies=> Cookies UserAgent: $'''Mozilla''' Encoding: Web.EncodingType.AutoDetect AcceptUntrustedCertificates: False ResponseHeaders=> WebServiceResponseHeaders Response=> WebServiceResponse StatusCode=> StatusCode`;

describe('lint rules secret-in-web-request and secret-in-url', () => {
  describe('headers', () => {
    it('positive: Authorization Bearer / Basic / raw, API-key headers', () => {
      const text = [
        call("CustomHeaders: $'''Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig'''"),
        call("CustomHeaders: $'''Accept-Language: en\r\nAuthorization: Basic dXNlcjpwYXNzd29yZA=='''"),
        call("CustomHeaders: $'''Authorization: rawTokenValue123'''"),
        call("CustomHeaders: $'''x-api-key: xk-123456789'''"),
        call("CustomHeaders: $'''Ocp-Apim-Subscription-Key: 0123456789abcdef'''"),
        call("CustomHeaders: $'''api-key: azure-openai-key-1'''"),
      ].join('\n');
      const r = lintRobin(text);
      assertFindings(text, r, [
        { ruleId: WEB, secret: 'eyJhbGciOiJIUzI1NiJ9.payload.sig', kind: 'authorization-header', severity: 'error' },
        { ruleId: WEB, secret: 'dXNlcjpwYXNzd29yZA==' },
        { ruleId: WEB, secret: 'rawTokenValue123' },
        { ruleId: WEB, secret: 'xk-123456789', kind: 'api-key' },
        { ruleId: WEB, secret: '0123456789abcdef' },
        { ruleId: WEB, secret: 'azure-openai-key-1' },
      ]);
      assert.match(r.findings[0].message, /Authorization/);
    });

    it('negative: interpolated credentials and ordinary headers', () => {
      assertQuiet(lintRobin([
        call("CustomHeaders: $'''Authorization: Bearer %BearerToken%'''"),
        call("CustomHeaders: $'''Authorization: %JsonAsCustomObject.token_type% %JsonAsCustomObject.access_token%'''"),
        call("CustomHeaders: $'''Authorization: '''"),
        call("CustomHeaders: $'''x-api-key: %Credential.Password%'''"),
        call("CustomHeaders: $'''Content-Type: application/json\r\nAccept: */*\r\nx-request-id: 42'''"),
        call('CustomHeaders: Headers'),
      ].join('\n')));
    });
  });

  describe('request bodies', () => {
    it('positive: JSON, form and XML fields with secret names', () => {
      const text = [
        call(`RequestBody: $'''{ "username": "robot", "password": "jsonPw1" }'''`),
        call("RequestBody: $'''grant_type=client_credentials&client_id=abc&client_secret=formSecret1&scope=x'''"),
        call("RequestBody: $'''<login><user>u</user><password>xmlPw1</password></login>'''"),
      ].join('\n');
      assertFindings(text, lintRobin(text), [
        { ruleId: WEB, secret: 'jsonPw1' },
        { ruleId: WEB, secret: 'formSecret1', kind: 'client-secret' },
        { ruleId: WEB, secret: 'xmlPw1' },
      ]);
    });

    it('negative: interpolated and non-secret fields', () => {
      assertQuiet(lintRobin([
        call(`RequestBody: $'''{ "username": "robot", "password": "%Credential.Password%" }'''`),
        call(`RequestBody: $'''{ "passwordPolicy": "strict", "tokenType": "bearer", "note": "password reset" }'''`),
        call("RequestBody: $'''grant_type=password&username=u&password=%pw%'''"),
      ].join('\n')));
    });
  });

  describe('URLs', () => {
    it('positive: keys in query strings, SAS sig, Azure Functions code, user:password@host', () => {
      const text = [
        "Web.InvokeWebService.InvokeWebService Url: $'''https://api.example.com/data?api_key=qk123456&format=json''' Method: Web.Method.Get",
        "Web.InvokeWebService.InvokeWebService Url: $'''https://x.example.com/?a=1&access_token=at987654''' Method: Web.Method.Get",
        "SET BlobUrl TO $'''https://acct.blob.core.windows.net/c/f.txt?sv=2022-11-02&ss=b&sig=AbCdEf123456%%3D'''",
        "Web.InvokeWebService.InvokeWebService Url: $'''https://fn.azurewebsites.net/api/Orders?code=fnKey-12345==''' Method: Web.Method.Get",
        "WebAutomation.LaunchEdge.LaunchEdge Url: $'''https://admin:urlPass1@intranet.contoso.com/''' BrowserInstance=> Browser",
      ].join('\n');
      const r = lintRobin(text);
      assertFindings(text, r, [
        { ruleId: URL_RULE, secret: 'qk123456', severity: 'error' },
        { ruleId: URL_RULE, secret: 'at987654' },
        { ruleId: URL_RULE, secret: 'AbCdEf123456%%3D' },
        { ruleId: URL_RULE, secret: 'fnKey-12345==' },
        { ruleId: URL_RULE, secret: 'urlPass1', kind: 'password' },
      ]);
    });

    it('negative: interpolated keys, ordinary query parameters, OAuth code outside Azure Functions', () => {
      assertQuiet(lintRobin([
        "Web.InvokeWebService.InvokeWebService Url: $'''https://api.example.com/data?api_key=%ApiKey%&format=json''' Method: Web.Method.Get",
        "Web.InvokeWebService.InvokeWebService Url: $'''https://fn.azurewebsites.net/api/Orders?code=%FunctionKey%''' Method: Web.Method.Get",
        "WebAutomation.LaunchEdge.LaunchEdge Url: $'''https://www.example.com/search?q=password+reset&page=2''' BrowserInstance=> Browser",
        "WebAutomation.LaunchEdge.LaunchEdge Url: $'''https://login.example.com/callback?code=abcdef123&state=x''' BrowserInstance=> Browser",
        "WebAutomation.LaunchEdge.LaunchEdge Url: $'''https://%User%:%Pass%@intranet.contoso.com/''' BrowserInstance=> Browser",
        "SET Text TO $'''Use the key=value format; see https://example.com'''",
      ].join('\n')));
    });
  });
});
