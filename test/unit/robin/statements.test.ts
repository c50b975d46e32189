import { strict as assert } from 'node:assert';
import type {
  ActionStatement, CallStatement, CommentStatement, ControlStatement, FunctionStatement, ImportStatement,
  RegionStatement, SensitiveStatement, SetStatement, Statement, TrailerStatement, UnrecognisedStatement,
  VariableDeclaration,
} from '../../../src/core/robin/ast';
import { MAX_MESSAGES, parse } from '../../../src/core/robin';
import { argValue, asAction, asControl, asString, one, parseClean, rangeOf } from './helpers';

/** `keyword@depth` (or kind@depth) per statement, for nesting checks. */
function shape(statements: readonly Statement[]): string[] {
  return statements.map((s) => `${s.kind === 'control' ? s.keyword : s.kind}@${s.depth}`);
}

describe('robin statements', () => {
  describe('actions', () => {
    it('reads Module.Action.Selector with input and output arguments', () => {
      const text = "    Email.SendEmail.AuthenticateAndSend SMTPServer: $'''smtp''' Port: 25 Password: p Result=> Out";
      const a = asAction(one(text));
      assert.equal(a.id, 'Email.SendEmail.AuthenticateAndSend');
      assert.deepEqual(a.idRange, rangeOf(text, 'Email.SendEmail.AuthenticateAndSend'));
      assert.equal(a.module, 'Email');
      assert.equal(a.action, 'SendEmail');
      assert.equal(a.selector, 'AuthenticateAndSend');
      assert.equal(a.indent, '    ');
      assert.equal(a.depth, 0);
      assert.equal(a.disabled, false);
      assert.deepEqual(a.range, { start: 4, end: text.length });
      assert.deepEqual(a.args.map((x) => [x.name, x.direction]), [['SMTPServer', 'in'], ['Port', 'in'], ['Password', 'in'], ['Result', 'out']]);
      const smtp = a.args[0];
      assert.deepEqual(smtp.range, rangeOf(text, "SMTPServer: $'''smtp'''"));
      assert.deepEqual(smtp.nameRange, rangeOf(text, 'SMTPServer'));
      assert.equal(smtp.at, false);
      const out = a.args[3];
      assert.equal(out.value, undefined);
      assert.equal(out.variable, 'Out');
      assert.deepEqual(out.variableRange, rangeOf(text, 'Out'));
      assert.deepEqual(out.range, rangeOf(text, 'Result=> Out'));
    });

    it('reads Module.Action without a selector', () => {
      const a = asAction(one('WebAutomation.CloseWebBrowser BrowserInstance: Browser'));
      assert.equal(a.selector, undefined);
      assert.equal(a.action, 'CloseWebBrowser');
    });

    it('reads @Name, @\'quoted/name\' and @Out=> parameters', () => {
      const text = "External.InvokeCloudConnector Connection: '{id}' OperationId: 'SendEmailV2' @'emailMessage/To': x @messageId: obj.id @MoveV2Response=> resp";
      const a = asAction(one(text));
      const to = a.args[2];
      assert.equal(to.at, true);
      assert.equal(to.name, 'emailMessage/To');
      assert.deepEqual(to.nameRange, rangeOf(text, "'emailMessage/To'"));
      assert.deepEqual(to.range, rangeOf(text, "@'emailMessage/To': x"));
      assert.equal(a.args[3].name, 'messageId');
      assert.deepEqual(a.args[3].nameRange, rangeOf(text, 'messageId'));
      assert.equal(a.args[4].at, true);
      assert.equal(a.args[4].direction, 'out');
      assert.equal(a.args[4].variable, 'resp');
    });

    it('reads RunDotNetScript parameters with colons in quoted names and a multi-line script', () => {
      const text = "Scripting.RunDotNetScript Imports: $'''System.Text\nSystem.Linq''' Script: $'''x = \\\"a\\\";''' @'name:emailId': obj.id @'type:emailId': $'''String''' @hashResult=> h";
      const a = asAction(one(text));
      assert.deepEqual(a.args.map((x) => x.name), ['Imports', 'Script', 'name:emailId', 'type:emailId', 'hashResult']);
      assert.equal(asString(argValue(a, 'Script')).segments[0].kind === 'text' && (asString(argValue(a, 'Script')).segments[0] as { value: string }).value, 'x = "a";');
    });

    it('reads the DISABLE prefix', () => {
      const text = "DISABLE Folder.Create FolderPath: $'''C:\\\\x''' FolderName: f";
      const a = asAction(one(text));
      assert.equal(a.disabled, true);
      assert.deepEqual(a.range, { start: 0, end: text.length });
      assert.deepEqual(a.idRange, rangeOf(text, 'Folder.Create'));
      const s = one('DISABLE SET x TO 1') as SetStatement;
      assert.equal(s.kind, 'set');
      assert.equal(s.disabled, true);
    });

    it('is case-insensitive for keywords', () => {
      const script = parseClean('if myvar = 1 then\n    clipboard.settext text: MYVAR\nelse if x then\nelse\nend');
      assert.deepEqual(shape(script.statements), ['IF@0', 'action@1', 'ELSE IF@0', 'ELSE@0', 'END@0']);
    });
  });

  describe('SET', () => {
    it('reads SET x TO value with ranges', () => {
      const text = "SET txt_Password TO $'''hunter2'''";
      const s = one(text) as SetStatement;
      assert.equal(s.kind, 'set');
      assert.equal(s.variable, 'txt_Password');
      assert.deepEqual(s.variableRange, rangeOf(text, 'txt_Password'));
      assert.deepEqual(s.value.range, rangeOf(text, "$'''hunter2'''"));
      assert.deepEqual(s.range, { start: 0, end: text.length });
      assert.deepEqual(s.target?.variables, ['txt_Password']);
    });

    it('reads a property as the target', () => {
      const text = "SET Output_ConfigObject['Flows'] TO {{ }}";
      const s = one(text) as SetStatement;
      assert.equal(s.variable, "Output_ConfigObject['Flows']");
      assert.deepEqual(s.variableRange, rangeOf(text, "Output_ConfigObject['Flows']"));
      assert.deepEqual(s.target?.variables, ['Output_ConfigObject']);
      assert.equal(s.value.kind, 'object');
    });

    it('makes a SET without TO unrecognised', () => {
      const script = parse('SET x 1');
      assert.equal(script.statements[0].kind, 'unrecognised');
    });
  });

  describe('control flow', () => {
    it('reads IF / ELSE IF / ELSE / END with depths and conditions', () => {
      const text = 'IF a = 1 THEN\n    SET b TO 1\nELSE IF IsEmpty(c) THEN\n    SET b TO 2\nELSE\n    SET b TO 3\nEND';
      const script = parseClean(text);
      assert.deepEqual(shape(script.statements), ['IF@0', 'set@1', 'ELSE IF@0', 'set@1', 'ELSE@0', 'set@1', 'END@0']);
      const iff = asControl(script.statements[0]);
      assert.deepEqual(iff.range, rangeOf(text, 'IF a = 1 THEN'));
      assert.equal(iff.text, 'a = 1 THEN');
      assert.deepEqual(iff.condition?.range, rangeOf(text, 'a = 1'));
      const elseIf = asControl(script.statements[2]);
      assert.deepEqual(elseIf.condition?.range, rangeOf(text, 'IsEmpty(c)'));
      assert.deepEqual(script.statements[6].range, rangeOf(text, 'END'));
    });

    it('reads IF (Action …) THEN with the action as the condition', () => {
      const text = "IF (Folder.IfFolderExists.DoesNotExist Path: $'''C:\\\\x''') THEN\n    Folder.Create FolderPath: p\nEND";
      const script = parseClean(text);
      const iff = asControl(script.statements[0]);
      const cond = asAction(iff.condition);
      assert.equal(cond.id, 'Folder.IfFolderExists.DoesNotExist');
      assert.deepEqual(cond.range, rangeOf(text, "Folder.IfFolderExists.DoesNotExist Path: $'''C:\\\\x'''"));
      assert.deepEqual(cond.args[0].value?.range, rangeOf(text, "$'''C:\\\\x'''"));
      assert.equal(cond.depth, 0);
      assert.deepEqual(shape(script.statements), ['IF@0', 'action@1', 'END@0']);
    });

    it('reads (a) <> (b) as an expression, not an action', () => {
      const script = parseClean('IF (BrowserToClose.Handle) <> (-1) THEN\nEND');
      const cond = asControl(script.statements[0]).condition;
      assert.equal(cond?.kind, 'expression');
    });

    it('reads the ON ERROR of a condition action at the IF level', () => {
      const text = "IF (System.IfProcess.ProcessIsNotRunning ProcessName: $'''EXCEL''') THEN\nON ERROR\n\nEND\n    GOTO 'Exit'\nEND";
      const script = parseClean(text);
      assert.deepEqual(shape(script.statements), ['IF@0', 'ON ERROR@0', 'END@0', 'GOTO@1', 'END@0']);
    });

    it('reads LOOP FOREACH, LOOP FROM TO STEP (with or without a variable), LOOP WHILE, EXIT LOOP, NEXT LOOP', () => {
      const text = [
        'LOOP FOREACH CurrentItem IN Table_ConfigData',
        '    NEXT LOOP',
        'END',
        "LOOP ErrorCount FROM 0 TO Config['Excel'] - 1 STEP 1",
        '    EXIT LOOP',
        'END',
        'LOOP FROM 1 TO 10 STEP 1',
        'END',
        'LOOP WHILE (1) = (1)',
        'END',
        'LOOP WHILE RetryCount < 3',
        'END',
        "LOOP WHILE (WorkQueues.ProcessWorkQueueItem.ProcessWorkQueueItem WorkQueue: $'''q''' WorkQueueItem=> Item)",
        'END',
      ].join('\n');
      const script = parseClean(text);
      assert.deepEqual(shape(script.statements), ['LOOP FOREACH@0', 'NEXT LOOP@1', 'END@0', 'LOOP@0', 'EXIT LOOP@1', 'END@0', 'LOOP@0', 'END@0', 'LOOP WHILE@0', 'END@0', 'LOOP WHILE@0', 'END@0', 'LOOP WHILE@0', 'END@0']);
      const each = asControl(script.statements[0]);
      assert.equal(each.variable, 'CurrentItem');
      assert.deepEqual(each.variableRange, rangeOf(text, 'CurrentItem'));
      assert.deepEqual(each.operands?.map((o) => o.range), [rangeOf(text, 'Table_ConfigData')]);
      const loop = asControl(script.statements[3]);
      assert.equal(loop.variable, 'ErrorCount');
      assert.deepEqual(loop.operands?.map((o) => text.slice(o.range.start, o.range.end)), ['0', "Config['Excel'] - 1", '1']);
      assert.equal(asControl(script.statements[6]).variable, undefined);
      assert.equal(asControl(script.statements[8]).condition?.kind, 'expression');
      const w = asControl(script.statements[12]);
      assert.equal(asAction(w.condition).id, 'WorkQueues.ProcessWorkQueueItem.ProcessWorkQueueItem');
      assert.equal(asAction(w.condition).args[1].variable, 'Item');
    });

    it('reads SWITCH / CASE / DEFAULT / END with CASE one level in and bodies two', () => {
      const text = "SWITCH Input_LogType\n    CASE = $'''Database'''\n        CALL LogToDatabase\n    CASE <> 3\n    DEFAULT\n        SET x TO 1\nEND";
      const script = parseClean(text);
      assert.deepEqual(shape(script.statements), ['SWITCH@0', 'CASE@1', 'call@2', 'CASE@1', 'DEFAULT@1', 'set@2', 'END@0']);
      const sw = asControl(script.statements[0]);
      assert.deepEqual(sw.condition?.range, rangeOf(text, 'Input_LogType'));
      const c1 = asControl(script.statements[1]);
      assert.equal(c1.operator, '=');
      assert.deepEqual(c1.operands?.[0].range, rangeOf(text, "$'''Database'''"));
      assert.equal(asControl(script.statements[3]).operator, '<>');
    });

    it('reads BLOCK / ON BLOCK ERROR handlers / END / body / END', () => {
      const text = [
        "BLOCK 'Get emails'",
        "ON BLOCK ERROR 'Business Exception' IsUserDefinedErrorCode: True",
        "    SET t TO $'''Business'''",
        '    THROW ERROR',
        'ON BLOCK ERROR',
        '    REPEAT BLOCK',
        'END',
        '    CALL Fetch',
        'END',
        'BLOCK ',
        'ON BLOCK ERROR all',
        '',
        'END',
        '    EXIT Code: 0',
        'END',
        'ERROR => ErrorMessage',
      ].join('\n');
      const script = parseClean(text);
      assert.deepEqual(shape(script.statements), [
        'BLOCK@0', 'ON BLOCK ERROR@0', 'set@1', 'THROW ERROR@1', 'ON BLOCK ERROR@0', 'REPEAT BLOCK@1', 'END@0', 'call@1', 'END@0',
        'BLOCK@0', 'ON BLOCK ERROR@0', 'END@0', 'EXIT@1', 'END@0', 'ERROR@0',
      ]);
      const b = asControl(script.statements[0]);
      assert.equal(b.name, 'Get emails');
      assert.deepEqual(b.nameRange, rangeOf(text, "'Get emails'"));
      const h = asControl(script.statements[1]);
      assert.equal(h.name, 'Business Exception');
      assert.equal(h.args[0].name, 'IsUserDefinedErrorCode');
      assert.equal(asControl(script.statements[9]).name, undefined);
      assert.deepEqual(script.statements[9].range, { start: text.indexOf('\nBLOCK ') + 1, end: text.indexOf('\nBLOCK ') + 6 });
      assert.equal(asControl(script.statements[10]).name, 'all');
      const exit = asControl(script.statements[12]);
      assert.equal(exit.args[0].name, 'Code');
      const err = asControl(script.statements[14]);
      assert.equal(err.variable, 'ErrorMessage');
      assert.deepEqual(err.variableRange, rangeOf(text, 'ErrorMessage', 0));
    });

    it('reads ON ERROR, ON ERROR <name>, and ON ERROR REPEAT n TIMES WAIT m with or without its own END', () => {
      const text = [
        'Text.ToNumber Text: Raw Number=> Amount',
        'ON ERROR REPEAT 2 TIMES WAIT 5',
        '    SET Amount TO 0',
        'END',
        'WebAutomation.CloseWebBrowser BrowserInstance: B',
        '    ON ERROR REPEAT 3 TIMES WAIT 3',
        '    ON ERROR',
        '',
        '    END',
        "WAIT (System.WaitForProcess.ProcessToStop ProcessName: $'''EXCEL''') FOR 10 ",
        'ON ERROR TimeoutError',
        'END',
        'ON ERROR',
        '    CALL GetSubflowName',
        'END',
      ].join('\n');
      const script = parseClean(text);
      assert.deepEqual(shape(script.statements), [
        'action@0', 'ON ERROR@0', 'set@1', 'END@0',
        'action@0', 'ON ERROR@0', 'ON ERROR@0', 'END@0',
        'WAIT@0', 'ON ERROR@0', 'END@0', 'ON ERROR@0', 'call@1', 'END@0',
      ]);
      const rep = asControl(script.statements[1]);
      assert.equal(rep.text, 'REPEAT 2 TIMES WAIT 5');
      assert.deepEqual(rep.operands?.map((o) => o.kind === 'number' && o.text), ['2', '5']);
      assert.equal(asControl(script.statements[9]).name, 'TimeoutError');
      const wait = asControl(script.statements[8]);
      assert.equal(asAction(wait.condition).id, 'System.WaitForProcess.ProcessToStop');
      assert.deepEqual(wait.operands?.map((o) => o.range), [rangeOf(text, '10')]);
      assert.deepEqual(wait.range, { start: text.indexOf('WAIT ('), end: text.indexOf('FOR 10') + 6 });
    });

    it("reads WAIT n, LABEL / GOTO with quoted or bare names, EXIT FUNCTION, THROW ERROR", () => {
      const text = "WAIT 5\nWAIT Attempt * 10\nLABEL 'Exit'\nGOTO 'Exit'\nLABEL Fatal\nGOTO Fatal\nEXIT Code: 0 ErrorMessage: $'''bye'''\nTHROW ERROR";
      const script = parseClean(text);
      assert.deepEqual(shape(script.statements), ['WAIT@0', 'WAIT@0', 'LABEL@0', 'GOTO@0', 'LABEL@0', 'GOTO@0', 'EXIT@0', 'THROW ERROR@0']);
      assert.equal(asControl(script.statements[1]).operands?.[0].kind, 'expression');
      const label = asControl(script.statements[2]);
      assert.equal(label.name, 'Exit');
      assert.deepEqual(label.nameRange, rangeOf(text, "'Exit'"));
      assert.equal(asControl(script.statements[5]).name, 'Fatal');
      const exit = asControl(script.statements[6]);
      assert.deepEqual(exit.args.map((a) => a.name), ['Code', 'ErrorMessage']);
      assert.equal(exit.text, "Code: 0 ErrorMessage: $'''bye'''");
    });

    it('reads ON ERROR <name> then ON ERROR sharing one END inside a FUNCTION (pad-formats §6.2)', () => {
      const text = [
        'FUNCTION Click_Retry GLOBAL',
        "    UIAutomation.Click Element: appmask['Window']['Button'] ClickType: UIAutomation.MouseClickType.LeftClick",
        '    ON ERROR ClickFailedError',
        '',
        '    ON ERROR',
        '',
        '    END',
        'END FUNCTION',
        '',
      ].join('\r\n');
      const script = parseClean(text);
      assert.deepEqual(shape(script.statements), ['function@0', 'action@1', 'ON ERROR@1', 'ON ERROR@1', 'END@1', 'END FUNCTION@0']);
      assert.equal(asControl(script.statements[2]).name, 'ClickFailedError');
      assert.equal(asControl(script.statements[3]).name, undefined);
      assert.ok(script.statements.every((s) => s.kind === 'function' || s.functionName === 'Click_Retry'));
    });

    it('reads ON ERROR a / ON ERROR b / ON ERROR chains, with or without bodies, and a handler nested in a body', () => {
      const text = [
        'File.Copy Files: $\'\'\'a\'\'\' Destination: $\'\'\'b\'\'\' IfFileExists: File.IfExists.DoNothing CopiedFiles=> Copied',
        'ON ERROR a',
        '    SET x TO 1',
        'ON ERROR b',
        '    # a comment',
        '    SET x TO 2',
        'ON ERROR',
        '    SET x TO 3',
        'END',
        'Web.InvokeWebService Url: $\'\'\'u\'\'\' Response=> R',
        'ON ERROR a',
        '# between',
        'ON ERROR b',
        'ON ERROR',
        'END',
        'A.B',
        'ON ERROR a',
        '    C.D',
        '    ON ERROR',
        '    END',
        'END',
      ].join('\n');
      const script = parseClean(text);
      assert.deepEqual(shape(script.statements), [
        'action@0', 'ON ERROR@0', 'set@1', 'ON ERROR@0', 'comment@1', 'set@1', 'ON ERROR@0', 'set@1', 'END@0',
        'action@0', 'ON ERROR@0', 'comment@1', 'ON ERROR@0', 'ON ERROR@0', 'END@0',
        'action@0', 'ON ERROR@0', 'action@1', 'ON ERROR@1', 'END@1', 'END@0',
      ]);
      assert.deepEqual(script.statements.filter((s) => s.kind === 'control' && s.keyword === 'ON ERROR').map((s) => (s as ControlStatement).name),
        ['a', 'b', undefined, 'a', 'b', undefined, 'a', undefined]);
    });

    it('still reports a stray END after ON ERROR clauses that share one END', () => {
      const text = 'A.B\nON ERROR a\nON ERROR\nEND\nEND\n';
      const script = parse(text);
      assert.deepEqual(script.messages, [{ range: { start: text.lastIndexOf('END'), end: text.lastIndexOf('END') + 3 }, message: 'END without an open block' }]);
      const inFunction = parse('FUNCTION F\n    A.B\n    ON ERROR a\n\n    ON ERROR\n\n    END\n    END\nEND FUNCTION\n');
      assert.deepEqual(inFunction.messages.map((m) => m.message), ['END without an open block']);
    });

    it('reports an END without a block and an unclosed block', () => {
      const script = parse('END\nIF x THEN\nSET y TO 1');
      assert.deepEqual(script.messages.map((m) => m.message), ['END without an open block', 'IF without END at the end of the text']);
      assert.deepEqual(script.messages[0].range, { start: 0, end: 3 });
      assert.deepEqual(script.messages[1].range, { start: 4, end: 13 });
    });

    it('reports ELSE and CASE outside their blocks', () => {
      const script = parse('ELSE\nCASE = 1\nDEFAULT');
      assert.equal(script.messages.length, 3);
    });
  });

  describe('subflows', () => {
    it('reads FUNCTION Name GLOBAL … END FUNCTION with functionName and depth', () => {
      const text = 'SET a TO 1\nFUNCTION Init GLOBAL\n    IF x THEN\n        CALL Other\n    END\nEND FUNCTION\nFUNCTION Other GLOBAL\nEND FUNCTION';
      const script = parseClean(text);
      assert.deepEqual(shape(script.statements), ['set@0', 'function@0', 'IF@1', 'call@2', 'END@1', 'END FUNCTION@0', 'function@0', 'END FUNCTION@0']);
      assert.deepEqual(script.statements.map((s) => s.functionName), [undefined, 'Init', 'Init', 'Init', 'Init', 'Init', 'Other', 'Other']);
      const f = script.statements[1] as FunctionStatement;
      assert.equal(f.name, 'Init');
      assert.deepEqual(f.nameRange, rangeOf(text, 'Init'));
      assert.equal(f.global, true);
      assert.deepEqual(f.parameters, []);
      assert.equal(f.closed, true);
      assert.deepEqual(f.headerRange, rangeOf(text, 'FUNCTION Init GLOBAL'));
      assert.deepEqual(f.range, { start: f.headerRange.start, end: text.indexOf('END FUNCTION') + 12 });
    });

    it("reads FUNCTION 'Quoted name' a, OUTPUT b and CALL 'Quoted name' Arg: v", () => {
      const text = "FUNCTION 'Fetch Data' in_txt_Path, OUTPUT out_txt_Id, OUTPUT out_dtb\n    EXIT FUNCTION\nEND FUNCTION\nCALL 'Fetch Data' in_txt_Path: $'''C:\\\\x''' Other: []";
      const script = parseClean(text);
      const f = script.statements[0] as FunctionStatement;
      assert.equal(f.name, 'Fetch Data');
      assert.equal(f.global, false);
      assert.deepEqual(f.parameters, [
        { name: 'in_txt_Path', range: rangeOf(text, 'in_txt_Path'), output: false },
        { name: 'out_txt_Id', range: rangeOf(text, 'out_txt_Id'), output: true },
        { name: 'out_dtb', range: rangeOf(text, 'out_dtb'), output: true },
      ]);
      const call = script.statements[3] as CallStatement;
      assert.equal(call.kind, 'call');
      assert.equal(call.name, 'Fetch Data');
      assert.deepEqual(call.nameRange, rangeOf(text, "'Fetch Data'", 1));
      assert.deepEqual(call.args.map((a) => a.name), ['in_txt_Path', 'Other']);
      assert.equal(call.functionName, undefined);
      const plain = one('CALL Init') as CallStatement;
      assert.equal(plain.name, 'Init');
      assert.deepEqual(plain.args, []);
    });

    it('reports a FUNCTION without END FUNCTION', () => {
      const script = parse('FUNCTION A GLOBAL\n    SET x TO 1\nFUNCTION B GLOBAL\nEND FUNCTION');
      assert.equal(script.messages.length, 1);
      const a = script.statements[0] as FunctionStatement;
      assert.equal(a.closed, false);
      assert.deepEqual(a.range, { start: 0, end: 'FUNCTION A GLOBAL\n    SET x TO 1'.length });
      assert.equal((script.statements[2] as FunctionStatement).closed, true);
    });
  });

  describe('comments, regions, separators', () => {
    it('reads # comments and trailing # comments', () => {
      const text = '# note\nSET J TO 2 # trailing note';
      const script = parseClean(text);
      assert.deepEqual(script.statements.map((s) => s.kind), ['comment', 'set', 'comment']);
      const c = script.statements[0] as CommentStatement;
      assert.equal(c.text, ' note');
      assert.deepEqual(c.textRange, rangeOf(text, ' note'));
      assert.deepEqual(script.statements[1].range, rangeOf(text, 'SET J TO 2'));
      assert.deepEqual(script.statements[2].range, rangeOf(text, '# trailing note'));
    });

    it('reads multi-line /# … #/ block comments', () => {
      const text = '    /# Populate credentials.\nPress button.#/\nSET x TO 1';
      const script = parseClean(text);
      const c = script.statements[0] as CommentStatement;
      assert.equal(c.block, true);
      assert.equal(c.text, ' Populate credentials.\nPress button.');
      assert.deepEqual(c.range, rangeOf(text, '/# Populate credentials.\nPress button.#/'));
      assert.equal(c.indent, '    ');
      assert.equal(script.statements[1].kind, 'set');
      const bad = parse('/# never closed\nSET x TO 1');
      assert.equal(bad.statements.length, 1);
      assert.equal(bad.messages.length, 1);
    });

    it('reads **REGION … **ENDREGION spanning the region, without adding depth', () => {
      const text = '    **REGION Initializing variables\n    SET a TO 1\n    **ENDREGION\nSET b TO 2';
      const script = parseClean(text);
      assert.deepEqual(shape(script.statements), ['region@0', 'set@0', 'set@0']);
      const r = script.statements[0] as RegionStatement;
      assert.equal(r.name, 'Initializing variables');
      assert.equal(r.closed, true);
      assert.deepEqual(r.headerRange, rangeOf(text, '**REGION Initializing variables'));
      assert.deepEqual(r.endRange, rangeOf(text, '**ENDREGION'));
      assert.deepEqual(r.range, { start: 4, end: text.indexOf('**ENDREGION') + 11 });
    });

    it('treats a hand-made ===> line as a separator comment', () => {
      const text = 'SET a TO 1\n\n==================================>\n\nSET b TO 2';
      const script = parseClean(text);
      const sep = script.statements[1] as CommentStatement;
      assert.equal(sep.kind, 'comment');
      assert.equal(sep.separator, true);
      assert.deepEqual(sep.range, rangeOf(text, '==================================>'));
    });
  });

  describe('annotations and header', () => {
    it('attaches @@ annotations to the next statement (which sits at column 0)', () => {
      const text = "    IF x THEN\n        @@'emailMessage/Sensitivity': ''\n@@connectionDisplayName: 'Office 365'\nExternal.InvokeCloudConnector Connection: 'c'\n    END";
      const script = parseClean(text);
      assert.deepEqual(shape(script.statements), ['IF@0', 'action@1', 'END@0']);
      const a = script.statements[1];
      assert.deepEqual(a.annotations.map((x) => x.key), ['emailMessage/Sensitivity', 'connectionDisplayName']);
      assert.deepEqual(a.annotations[0].keyRange, rangeOf(text, "'emailMessage/Sensitivity'"));
      assert.deepEqual(a.annotations[0].range, rangeOf(text, "@@'emailMessage/Sensitivity': ''"));
      assert.deepEqual(a.annotations[1].value?.range, rangeOf(text, "'Office 365'"));
      assert.equal(a.indent, '');
      assert.deepEqual(script.header, []);
    });

    it('attaches annotations before a LOOP WHILE to it and to its condition action', () => {
      const text = "@@'InputSummaryValue:WORKQUEUE': 'WorkItem'\nLOOP WHILE (WorkQueues.ProcessWorkQueueItem.ProcessWorkQueueItem WorkQueue: q WorkQueueItem=> i)\nEND";
      const script = parseClean(text);
      const w = asControl(script.statements[0]);
      assert.equal(w.annotations.length, 1);
      assert.equal(asAction(w.condition).annotations.length, 1);
    });

    it('reads the stored-definition header: @@ lines, IMPORT, @SENSITIVE, @INPUT, @OUTPUT', () => {
      const text = [
        "@@ConnectionString: ''",
        "@@Type: 'Local'",
        "IMPORT 'controlRepo.appmask' AS appmask",
        '@SENSITIVE: [Enc_Dec_Key, Other]',
        "@INPUT Enc_Dec_Key : { 'Description': '', 'FriendlyName': 'Enc_Dec_Key', 'Type': 'String', 'IsOptional': False, 'DefaultValue': '12345' } ",
        "@OUTPUT ErrorMessage : { 'Description': '', 'Type': 'String' }",
        '@@copilotGeneratedAction: \'False\'',
        'SET x TO 1',
      ].join('\r\n');
      const script = parseClean(text);
      assert.deepEqual(script.header.map((a) => a.key), ['ConnectionString', 'Type']);
      assert.deepEqual(script.statements.map((s) => s.kind), ['import', 'sensitive', 'input', 'output', 'set']);
      const imp = script.statements[0] as ImportStatement;
      assert.equal(imp.file, 'controlRepo.appmask');
      assert.equal(imp.alias, 'appmask');
      assert.deepEqual(imp.range, rangeOf(text, "IMPORT 'controlRepo.appmask' AS appmask"));
      assert.deepEqual(imp.fileRange, rangeOf(text, "'controlRepo.appmask'"));
      const sens = script.statements[1] as SensitiveStatement;
      assert.deepEqual(sens.variables, [{ name: 'Enc_Dec_Key', range: rangeOf(text, 'Enc_Dec_Key') }, { name: 'Other', range: rangeOf(text, 'Other') }]);
      assert.deepEqual(sens.listRange, rangeOf(text, '[Enc_Dec_Key, Other]'));
      const input = script.statements[2] as VariableDeclaration;
      assert.equal(input.name, 'Enc_Dec_Key');
      assert.deepEqual(input.nameRange, rangeOf(text, 'Enc_Dec_Key', 1));
      assert.equal(input.properties?.entries.length, 5);
      assert.deepEqual(input.properties?.entries[4].value.range, rangeOf(text, "'12345'"));
      assert.deepEqual(input.range.end, text.indexOf("'12345' }") + 9);
      assert.equal((script.statements[3] as VariableDeclaration).kind, 'output');
      assert.deepEqual(script.statements[4].annotations.map((a) => a.key), ['copilotGeneratedAction']);
    });

    it('moves other leading annotations to the header when header lines follow', () => {
      const script = parseClean("@@Custom: 'x'\nIMPORT 'a' AS b\nSET x TO 1");
      assert.deepEqual(script.header.map((a) => a.key), ['Custom']);
      assert.deepEqual(script.statements[0].annotations, []);
    });
  });

  describe('the ControlRepository trailer', () => {
    it('stops Robin at the trailer and parses the JSON after it', () => {
      const json = '{\n  "ControlRepositorySymbols": [],\n  "Password": "IF x THEN"\n}';
      const text = `SET x TO 1\n\n# [ControlRepository][PowerAutomateDesktop]\n\n${json}\n`;
      const script = parseClean(text);
      assert.deepEqual(script.statements.map((s) => s.kind), ['set', 'trailer']);
      const t = script.statements[1] as TrailerStatement;
      assert.deepEqual(t.jsonRange, rangeOf(text, json));
      assert.deepEqual(t.range, { start: text.indexOf('# [Control'), end: text.indexOf(json) + json.length });
      assert.deepEqual(t.json, { ControlRepositorySymbols: [], Password: 'IF x THEN' });
    });

    it('reports a trailer that is not JSON, and never reads it as Robin', () => {
      const text = '# [ControlRepository][PowerAutomateDesktop]\n{ not json\nSET x TO $\'\'\'y';
      const script = parse(text);
      assert.deepEqual(script.statements.map((s) => s.kind), ['trailer']);
      const t = script.statements[0] as TrailerStatement;
      assert.equal(t.json, undefined);
      assert.ok(t.message);
      assert.equal(script.messages.length, 1);
      assert.deepEqual(t.jsonRange, { start: text.indexOf('{'), end: text.length });
    });

    it('resumes after the JSON in a dump of several copies', () => {
      const text = [
        'FUNCTION Main_copy GLOBAL', '    SET a TO 1', 'END FUNCTION', '',
        '# [ControlRepository][PowerAutomateDesktop]', '', '{', '  "ControlRepositorySymbols": []', '}', '',
        '==================================>', '',
        "FUNCTION 'Get Error' GLOBAL", '    ERROR => obj_LastError', 'END FUNCTION', '',
        '# [ControlRepository][PowerAutomateDesktop]', '', '{ "a": "}" }',
      ].join('\r\n');
      const script = parseClean(text);
      assert.deepEqual(script.statements.map((s) => s.kind), ['function', 'set', 'control', 'trailer', 'comment', 'function', 'control', 'control', 'trailer']);
      assert.deepEqual((script.statements[3] as TrailerStatement).json, { ControlRepositorySymbols: [] });
      assert.equal(script.statements[6].functionName, 'Get Error');
      assert.deepEqual((script.statements[8] as TrailerStatement).json, { a: '}' });
    });

    it('finds the end of the JSON past escaped quotes and runs of backslashes', () => {
      // Strings ending in `\\` (an escaped backslash), holding `\"`, `\\\"` and brackets.
      const json = String.raw`{ "a": "x\\", "b": "say \"}\" ok", "c": "\\\"]", "d": "\\\\", "e": ["{"] }`;
      const text = `SET a TO 1\n# [ControlRepository][PowerAutomateDesktop]\n${json}\nSET b TO 2\n# [ControlRepository][PowerAutomateDesktop]\n{}\n`;
      const script = parseClean(text);
      assert.deepEqual(script.statements.map((s) => s.kind), ['set', 'trailer', 'set', 'trailer']);
      const t = script.statements[1] as TrailerStatement;
      assert.deepEqual(t.jsonRange, rangeOf(text, json));
      assert.deepEqual(t.json, JSON.parse(json));
      assert.deepEqual(script.statements[2].range, rangeOf(text, 'SET b TO 2'));
    });

    it('reads an unterminated JSON string after the trailer as a problem, to the end', () => {
      const text = '# [ControlRepository][PowerAutomateDesktop]\n{ "a": "no end\\"\nSET b TO 2\n';
      const script = parse(text);
      assert.deepEqual(script.statements.map((s) => s.kind), ['trailer']);
      assert.equal(script.messages.length, 1);
    });
  });

  describe('line endings, BOM, unknown text', () => {
    it('handles CRLF, lone CR, tabs and a BOM', () => {
      const text = '\uFEFFSET a TO 1\r\n\tSET b TO 2\rSET c TO 3\n';
      const script = parseClean(text);
      assert.deepEqual(script.statements.map((s) => s.range), [rangeOf(text, 'SET a TO 1'), rangeOf(text, 'SET b TO 2'), rangeOf(text, 'SET c TO 3')]);
      assert.equal(script.statements[1].indent, '\t');
    });

    it('keeps unknown text as an unrecognised statement, with its strings', () => {
      const text = "SET a TO 1\nthis is not robin $'''s3cret''' !\nSET b TO 2";
      const script = parse(text);
      assert.deepEqual(script.statements.map((s) => s.kind), ['set', 'unrecognised', 'set']);
      const u = script.statements[1] as UnrecognisedStatement;
      assert.equal(u.text, "this is not robin $'''s3cret''' !");
      assert.deepEqual(u.range, rangeOf(text, u.text));
      assert.ok(u.message.length > 0);
      assert.deepEqual(u.strings?.map((s) => s.range), [rangeOf(text, "$'''s3cret'''")]);
    });

    it('keeps a statement and makes text after it unrecognised', () => {
      const text = 'SET a TO 1 SET b TO 2';
      const script = parse(text);
      assert.deepEqual(script.statements.map((s) => s.kind), ['set', 'unrecognised']);
      assert.deepEqual(script.statements[1].range, rangeOf(text, 'SET b TO 2'));
    });

    it('parses the empty text', () => {
      assert.deepEqual(parse(''), { statements: [], header: [], messages: [] });
      assert.deepEqual(parse('\uFEFF\r\n  \n'), { statements: [], header: [], messages: [] });
    });
  });

  describe('edge cases', () => {
    it('reads Unicode variable names', () => {
      const text = "SET Café TO 1\nSET 名前 TO Café + 1\nText.Trim Text: Ünïcode TrimmedText=> 結果";
      const script = parseClean(text);
      assert.equal((script.statements[0] as SetStatement).variable, 'Café');
      const v = (script.statements[1] as SetStatement).value;
      assert.deepEqual(v.kind === 'expression' && v.variables, ['Café']);
      assert.equal(asAction(script.statements[2]).args[1].variable, '結果');
    });

    it('reads ELSE IF with a condition action, and DISABLE before a control statement', () => {
      const script = parseClean("IF a THEN\nELSE IF (File.IfFile.Exists File: f) THEN\nEND\nDISABLE IF b THEN\nDISABLE END");
      assert.equal(asAction(asControl(script.statements[1]).condition).id, 'File.IfFile.Exists');
      assert.equal(asControl(script.statements[3]).disabled, true);
      assert.deepEqual(shape(script.statements), ['IF@0', 'ELSE IF@0', 'END@0', 'IF@0', 'END@0']);
    });

    it('reads a statement after a block comment on the same line, and a comment after THEN', () => {
      const text = '/# a #/ SET x TO 1\nIF x THEN # why\nEND';
      const script = parseClean(text);
      assert.deepEqual(script.statements.map((s) => s.kind), ['comment', 'set', 'control', 'comment', 'control']);
      assert.deepEqual(script.statements[1].range, rangeOf(text, 'SET x TO 1'));
      assert.deepEqual(script.statements[3].range, rangeOf(text, '# why'));
    });

    it('reports an annotation that no statement follows, and keeps it in the header', () => {
      const script = parse("SET x TO 1\n@@flowname: 'x'\n");
      assert.equal(script.messages.length, 1);
      assert.deepEqual(script.header.map((a) => a.key), ['flowname']);
    });

    it(`keeps at most ${MAX_MESSAGES} messages, then says the rest were dropped`, () => {
      const script = parse('END\n'.repeat(MAX_MESSAGES + 50));
      assert.equal(script.messages.length, MAX_MESSAGES + 1);
      assert.match(script.messages[MAX_MESSAGES].message, /not listed/);
    });

    it('reads a separator made of dashes and arrows', () => {
      const s = one('----->') as CommentStatement;
      assert.equal(s.separator, true);
    });

    it('does not take (x.y) THEN for a condition action', () => {
      const script = parseClean('IF (BrowserToClose.IsAlive) THEN\nEND');
      assert.equal(asControl(script.statements[0]).condition?.kind, 'expression');
    });
  });

  it('keeps ActionStatement/ControlStatement types usable', () => {
    const a: ActionStatement = asAction(one('A.B'));
    assert.deepEqual(a.args, []);
    const c: ControlStatement = asControl(parse('END FUNCTION').statements[0]);
    assert.equal(c.keyword, 'END FUNCTION');
  });
});
