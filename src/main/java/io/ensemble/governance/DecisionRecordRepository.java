package io.ensemble.governance;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface DecisionRecordRepository extends JpaRepository<DecisionRecord, Long> {

  List<DecisionRecord> findAllByOrderByEvaluatedAtDescIdDesc();

  List<DecisionRecord> findByDecisionKeyOrderByEvaluatedAtDescIdDesc(String decisionKey);

  List<DecisionRecord> findBySubjectKeyOrderByEvaluatedAtDescIdDesc(String subjectKey);

  List<DecisionRecord> findByDecisionKeyAndSubjectKeyOrderByEvaluatedAtDescIdDesc(String decisionKey, String subjectKey);
}
