import type { Diagnosis, DiagnosisCause } from '../../shared/domain/diagnosis';
import './diagnosis.css';

/** One cause: its title and likelihood, the evidence it quotes (monospace, as recorded), the fix. */
export function CauseView({ cause }: { cause: DiagnosisCause }) {
  return (
    <>
      <p className="diagnosis-title">
        <span data-testid="diagnosis-cause-title">{cause.title}</span>{' '}
        <span className={`diagnosis-likelihood diagnosis-${cause.likelihood}`}>{cause.likelihood}</span>
      </p>
      {cause.evidence.length > 0 && (
        <dl className="diagnosis-evidence" aria-label="Evidence">
          {cause.evidence.map((item, index) => (
            <div key={`${item.source}-${item.name}-${index}`} className="diagnosis-quote">
              <dt>
                {item.source} <code>{item.name}</code>
              </dt>
              <dd>
                <code data-testid="diagnosis-quote">{item.quote}</code>
              </dd>
            </div>
          ))}
        </dl>
      )}
      <p className="diagnosis-fix">
        <strong>Fix: </strong>
        <span data-testid="diagnosis-fix">{cause.fix}</span>
      </p>
    </>
  );
}

/** A send's diagnosis: every cause in rank order, the first one most likely. */
export function DiagnosisView({ diagnosis, testId = 'diagnosis' }: { diagnosis: Diagnosis; testId?: string }) {
  return (
    <section className="diagnosis" data-testid={testId} aria-label="Diagnosis">
      <h3>Diagnosis</h3>
      <ol className="diagnosis-causes">
        {diagnosis.causes.map((cause) => (
          <li key={cause.id} data-testid="diagnosis-cause" data-cause={cause.id}>
            <CauseView cause={cause} />
          </li>
        ))}
      </ol>
    </section>
  );
}
