package dev.ledgerline.documents;

import dev.ledgerline.api.DocumentsApi;
import dev.ledgerline.api.model.StatementList;
import dev.ledgerline.api.model.StatementMonth;
import dev.ledgerline.web.CurrentSession;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.server.types.files.FileCustomizableResponseType;
import io.micronaut.http.server.types.files.StreamedFile;

import java.io.ByteArrayInputStream;
import java.time.YearMonth;

@Controller
public class DocumentsController implements DocumentsApi {

    private static final MediaType PDF = MediaType.of("application/pdf");

    private final Receipts receipts;
    private final Statements statements;
    private final CurrentSession current;
    private final DocumentGate gate;

    public DocumentsController(Receipts receipts, Statements statements, CurrentSession current, DocumentGate gate) {
        this.gate = gate;
        this.receipts = receipts;
        this.statements = statements;
        this.current = current;
    }

    @Override
    public FileCustomizableResponseType getPaymentReceipt(String paymentId) {
        String accountId = current.accountId();
        return pdf(gate.make(() -> receipts.pdf(accountId, paymentId)), "receipt-" + paymentId + ".pdf");
    }

    @Override
    public FileCustomizableResponseType getStatement(String month) {
        String accountId = current.accountId();
        YearMonth parsed = YearMonth.parse(month);
        return pdf(gate.make(() -> statements.pdf(accountId, parsed)), "statement-" + month + ".pdf");
    }

    @Override
    public StatementList listStatements() {
        return new StatementList(statements.months(current.accountId()).stream().map(m -> new StatementMonth(m.toString())).toList());
    }

    private static FileCustomizableResponseType pdf(byte[] bytes, String filename) {
        // A download with its name; the panel opens it in a tab from the bytes it fetched.
        return new StreamedFile(new ByteArrayInputStream(bytes), PDF).attach(filename);
    }
}
